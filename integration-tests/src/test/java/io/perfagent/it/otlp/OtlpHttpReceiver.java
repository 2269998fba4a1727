package io.perfagent.it.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * OTLP/HTTP with protobuf bodies ({@code application/x-protobuf}, plain or gzip) on
 * {@code POST /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}. An undecodable body gets
 * 400 and is counted; a JSON body gets 415.
 */
public final class OtlpHttpReceiver extends OtlpReceiver {

  private static final String PROTOBUF = "application/x-protobuf";

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OtlpHttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "otlp-http-receiver");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/v1/traces", ex -> handle(ex, Signal.TRACES));
    server.createContext("/v1/metrics", ex -> handle(ex, Signal.METRICS));
    server.createContext("/v1/logs", ex -> handle(ex, Signal.LOGS));
    server.start();
  }

  /** Starts a receiver on 127.0.0.1 and an ephemeral port. */
  public static OtlpHttpReceiver start() throws IOException {
    return new OtlpHttpReceiver();
  }

  @Override
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public String protocol() {
    return HTTP_PROTOBUF;
  }

  private enum Signal { TRACES, METRICS, LOGS }

  private void handle(HttpExchange ex, Signal signal) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, "text/plain", bytes("POST only"));
        return;
      }
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type != null && !type.toLowerCase().startsWith(PROTOBUF)) {
        reply(ex, 415, "text/plain", bytes("only " + PROTOBUF));
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      try {
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
          try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(body))) {
            body = gz.readAllBytes();
          }
        }
        switch (signal) {
          case TRACES -> {
            acceptTraces(ExportTraceServiceRequest.parseFrom(body));
            reply(ex, 200, PROTOBUF, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
          }
          case METRICS -> {
            acceptMetrics(ExportMetricsServiceRequest.parseFrom(body));
            reply(ex, 200, PROTOBUF,
                ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
          }
          case LOGS -> {
            io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.parseFrom(body);
            acceptOther();
            reply(ex, 200, PROTOBUF, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
          }
          default -> throw new IllegalStateException();
        }
      } catch (InvalidProtocolBufferException | java.util.zip.ZipException e) {
        rejectMalformed();
        reply(ex, 400, "text/plain", bytes("malformed " + signal + " request: " + e.getMessage()));
      } catch (IOException e) {
        rejectMalformed();
        reply(ex, 400, "text/plain", bytes("unreadable body: " + e.getMessage()));
      }
    }
  }

  private static void reply(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
