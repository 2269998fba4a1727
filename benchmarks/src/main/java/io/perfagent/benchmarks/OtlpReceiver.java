package io.perfagent.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP receiver on 127.0.0.1: accepts POST {@code /v1/traces},
 * {@code /v1/metrics} and {@code /v1/logs} with 200 and an empty (valid) protobuf response,
 * counts requests and bytes, and remembers which of the watched span names appeared in a trace
 * request (a byte search in the protobuf, enough to prove that spans of a given name arrived).
 */
public final class OtlpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong traceRequests = new AtomicLong();
  private final AtomicLong traceBytes = new AtomicLong();
  private final AtomicLong metricRequests = new AtomicLong();
  private final AtomicLong logRequests = new AtomicLong();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private volatile List<String> watched = List.of();

  private OtlpReceiver(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a receiver on an ephemeral port of the loopback address. */
  public static OtlpReceiver start() throws IOException {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "otlp-receiver");
      t.setDaemon(true);
      return t;
    });
    OtlpReceiver receiver = new OtlpReceiver(server, executor);
    server.createContext("/v1/traces", e -> receiver.handle(e, receiver.traceRequests, true));
    server.createContext("/v1/metrics", e -> receiver.handle(e, receiver.metricRequests, false));
    server.createContext("/v1/logs", e -> receiver.handle(e, receiver.logRequests, false));
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  /** {@code http://127.0.0.1:PORT}: the value of {@code otel.exporter.otlp.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Watches for these span names from now on and forgets which were seen before. */
  public void watch(List<String> names) {
    seen.clear();
    watched = List.copyOf(names);
  }

  /** The watched names seen in trace requests since {@link #watch}. */
  public Set<String> seen() {
    return Set.copyOf(seen);
  }

  public long traceRequests() {
    return traceRequests.get();
  }

  public long traceBytes() {
    return traceBytes.get();
  }

  public long metricRequests() {
    return metricRequests.get();
  }

  private void handle(HttpExchange exchange, AtomicLong counter, boolean traces)
      throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      counter.incrementAndGet();
      if (traces) {
        traceBytes.addAndGet(body.length);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String name : watched) {
          if (!seen.contains(name) && text.contains(name)) {
            seen.add(name);
          }
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
