package io.perfagent.it.apps;

import com.sun.net.httpserver.HttpServer;
import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import io.perfagent.Perf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pipeline of known work, for the same stages under perf.jar and inside the OpenTelemetry
 * agent: root {@code otelpipe} (stage {@code otel.run}) with {@code otel.load} (allocates
 * 64 MiB, credits 1,000 records and 4,096 bytes), {@code otel.wait} (sleeps 200 ms),
 * {@code otel.fetch} (an HTTP GET to a server in this JVM), {@code otel.hop} (run on a pool
 * thread), {@value #RECORDS} calls of the folded stage {@code otel.enrich}, one record each (and
 * {@value #TWIN_RECORDS} more through a copy of this class in a class loader of its own), and
 * {@code otel.fail}, which throws.
 * Prints {@code TRACEPARENT <header or null>} from inside the root and whether perf's bootstrap
 * classes are on the bootstrap class path, then {@code DONE}; lingers {@code args[0]} ms so
 * periodic metrics go out.
 */
public final class OtelPipelineApp {

  public static final int RECORDS = 20_000;
  /** Calls of {@code otel.enrich} made through a second copy of this class (its own loader). */
  public static final int TWIN_RECORDS = 5_000;
  /** Kept reachable so the allocation is not optimised away. */
  static volatile byte[] held;
  private static int port;
  private static long sink;

  private OtelPipelineApp() {}

  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/item", exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    port = server.getAddress().getPort();
    try {
      run();
    } finally {
      server.stop(0);
    }
    System.out.println("BOOTSTRAP " + (bootstrapPresent() ? "present" : "absent"));
    System.out.println("DONE " + sink);
    Thread.sleep(args.length > 0 ? Long.parseLong(args[0]) : 0);
  }

  private static boolean bootstrapPresent() {
    try {
      Class.forName("io.perfagent.bootstrap.Stages", false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Monitored(value = "otel.run", pipeline = "otelpipe", mode = Mode.SPAN)
  static void run() throws Exception {
    System.out.println("TRACEPARENT " + Perf.traceparent());
    load();
    await();
    fetch();
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      pool.submit(OtelPipelineApp::hop).get();
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < RECORDS; i++) {
      sink += enrich(i);
    }
    // the same stage woven in another class loader, with its own copy of the agent's helper
    // and of perf-api: its calls count with these, not apart
    Method twin = twinLoader().loadClass(OtelPipelineApp.class.getName())
        .getDeclaredMethod("enrich", int.class);
    twin.setAccessible(true);
    for (int i = 0; i < TWIN_RECORDS; i++) {
      sink += (Integer) twin.invoke(null, i);
    }
    try {
      fail();
    } catch (IllegalStateException expected) {
      sink++;
    }
  }

  /** A loader of its own (under the platform loader) for this class and perf-api. */
  private static ClassLoader twinLoader() throws Exception {
    URL app = OtelPipelineApp.class.getProtectionDomain().getCodeSource().getLocation();
    URL api = Perf.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader("twin", new URL[] {app, api}, ClassLoader.getPlatformClassLoader());
  }

  @Monitored(value = "otel.fail", mode = Mode.SPAN)
  static void fail() {
    throw new IllegalStateException("bad record 7");
  }

  @Monitored(value = "otel.load", mode = Mode.SPAN)
  static void load() {
    held = new byte[64 << 20];
    Perf.records(1_000);
    Perf.bytes(4_096);
  }

  @Monitored(value = "otel.wait", mode = Mode.SPAN)
  static void await() throws InterruptedException {
    Thread.sleep(200);
  }

  @Monitored(value = "otel.fetch", mode = Mode.SPAN)
  static void fetch() throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/item")
        .openConnection();
    try (InputStream in = c.getInputStream()) {
      sink += in.readAllBytes().length;
    } finally {
      c.disconnect();
    }
  }

  @Monitored(value = "otel.hop", mode = Mode.SPAN)
  static int hop() throws InterruptedException {
    Thread.sleep(20);
    return 1;
  }

  @Monitored(value = "otel.enrich", mode = Mode.AGGREGATE)
  static int enrich(int i) {
    Perf.records(1);
    return i & 7;
  }
}
