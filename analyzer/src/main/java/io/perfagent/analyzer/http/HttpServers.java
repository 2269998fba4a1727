package io.perfagent.analyzer.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's {@code com.sun.net.httpserver}, bounded: a fixed number of handler threads and a
 * short queue; past them the server's own dispatcher thread runs the exchange, so it stops
 * accepting until a thread is free and further clients wait in the TCP backlog instead of
 * growing a queue here. Request time and connection count are bounded by the system
 * properties {@link #limitConnections} sets.
 *
 * <p>Why this server: it is in the JDK (nothing to shade, nothing to patch), it is enough for
 * request/response OTLP/HTTP and a JSON API, and the receiver reads bodies itself with a
 * limit, so the server's lack of a body limit does not matter.
 */
public final class HttpServers {

  private HttpServers() {}

  /**
   * Sets the JDK server's limits unless the user set them: at most 1,000 open connections per
   * server ({@code sun.net.httpserver.maxConnections}; past it a new connection is closed on
   * accept), 30 s to read a request and to write a response, 100 request headers.
   */
  public static void limitConnections() {
    setIfAbsent("sun.net.httpserver.maxConnections", "1000");
    setIfAbsent("sun.net.httpserver.maxReqTime", "30");
    setIfAbsent("sun.net.httpserver.maxRspTime", "30");
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** A started-later server on {@code bind:port} (0: any free port) with {@code threads} handlers. */
  public static HttpServer create(String bind, int port, int threads, String name)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 128);
    server.setExecutor(executor(threads, name));
    return server;
  }

  /** Stops the server, waiting up to {@code seconds} for exchanges in flight, and its threads. */
  public static void stop(HttpServer server, int seconds) {
    server.stop(seconds);
    if (server.getExecutor() instanceof ExecutorService e) {
      e.shutdown();
      try {
        e.awaitTermination(seconds, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ExecutorService executor(int threads, String name) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threads * 4), r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
  }
}
