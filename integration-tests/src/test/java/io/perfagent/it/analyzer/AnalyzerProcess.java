package io.perfagent.it.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar analyzer/target/perf-analyzer.jar --otlp-http-port 0 --otlp-grpc-port 0
 * --port 0 ...} as a
 * child process: the ports it took are read from the line it prints once it listens.
 * {@link #close()} kills it (SIGKILL, as {@code kill -9}); {@link #stop()} asks it to stop
 * (SIGTERM) and waits for the drain.
 */
public final class AnalyzerProcess implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("(otlp-grpc|otlp-http|api)=[^ :]+:(\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildJvm.Running child;
  private final int httpPort;
  private final int grpcPort;
  private final int apiPort;
  private final String token;
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  private AnalyzerProcess(ChildJvm.Running child, String listening, String token) {
    this.child = child;
    this.token = token;
    Map<String, Integer> ports = new LinkedHashMap<>();
    Matcher m = PORT.matcher(listening);
    while (m.find()) {
      ports.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    this.httpPort = ports.getOrDefault("otlp-http", -1);
    this.grpcPort = ports.getOrDefault("otlp-grpc", -1);
    this.apiPort = ports.getOrDefault("api", -1);
  }

  /** The analyzer jar the build made. */
  public static Path jar() {
    return ItPaths.buildDir().resolve("../../analyzer/target/perf-analyzer.jar").normalize();
  }

  /**
   * Starts the analyzer with its history in {@code db}, any free ports, and {@code args}
   * besides; returns once it listens. {@code token} is what requests carry (null: none).
   */
  public static AnalyzerProcess start(String name, Path db, String token, String... args) {
    List<String> all = new ArrayList<>(List.of("--db", db.toString()));
    all.addAll(List.of(args));
    return start(name, token, all);
  }

  /** Starts the analyzer with {@code args} (the history among them) and any free ports. */
  public static AnalyzerProcess start(String name, String token, List<String> args) {
    List<String> all = new ArrayList<>(List.of("--otlp-http-port", "0", "--otlp-grpc-port",
        "0", "--port", "0"));
    all.addAll(args);
    ChildJvm.Running child = ChildJvm.builder(Jdks.current(), name)
        .executableJar(jar())
        .args(all.toArray(new String[0]))
        .timeout(Duration.ofMinutes(5))
        .start();
    String line = child.awaitStdoutLine(l -> l.contains(" listening:"), Duration.ofSeconds(60));
    return new AnalyzerProcess(child, line, token);
  }

  public int httpPort() {
    return httpPort;
  }

  public int grpcPort() {
    return grpcPort;
  }

  /** The REST API's port (also the dashboard's). */
  public int apiPort() {
    return apiPort;
  }

  public long pid() {
    return child.pid();
  }

  /** {@code OTEL_*} settings that make an agent export OTLP/HTTP protobuf here. */
  public Map<String, String> exporterEnv(String serviceName) {
    return exporterEnv(serviceName, false);
  }

  /** {@code OTEL_*} settings that make an agent export here, over gRPC or HTTP/protobuf. */
  public Map<String, String> exporterEnv(String serviceName, boolean grpc) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + (grpc ? grpcPort : httpPort));
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", grpc ? "grpc" : "http/protobuf");
    env.put("OTEL_SERVICE_NAME", serviceName);
    if (token != null) {
      env.put("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer " + token);
    }
    return env;
  }

  /** A GET on the API, with the token when there is one. */
  public HttpResponse<String> get(String pathAndQuery) {
    return get(pathAndQuery, true);
  }

  /** A GET on the API; {@code withToken} false sends none even when there is one. */
  public HttpResponse<String> get(String pathAndQuery, boolean withToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + apiPort + pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (token != null && withToken) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.GET().build());
  }

  /** A GET that must answer 200, as JSON. */
  public JsonNode getJson(String pathAndQuery) {
    HttpResponse<String> r = get(pathAndQuery);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": "
          + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + pathAndQuery + " is not JSON: " + r.body(), e);
    }
  }

  /** A POST to the OTLP/HTTP port; {@code headers} as name, value pairs. */
  public HttpResponse<byte[]> post(String path, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Polls a GET until {@code done} holds for its JSON answer (a 404 counts as not yet), within
   * {@code timeout}; the answer. Polling, not timing: the bound only keeps a broken run from
   * hanging the build.
   */
  public JsonNode awaitJson(String pathAndQuery, Predicate<JsonNode> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get(pathAndQuery);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200) {
        try {
          JsonNode n = JSON.readTree(r.body());
          if (done.test(n)) {
            return n;
          }
        } catch (IOException e) {
          throw new AssertionError("GET " + pathAndQuery + " is not JSON: " + r.body(), e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("GET " + pathAndQuery + " never answered as expected within "
        + timeout + "; last: " + last);
  }

  /** Prometheus text from {@code /metrics}: the value of the sample named exactly, else -1. */
  public double metric(String sample) {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    return -1;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** SIGTERM, then waits for the exit: the analyzer drains first. */
  public ChildResult stop() {
    ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroy);
    return child.awaitExit();
  }

  /** SIGKILL if it still runs. */
  @Override
  public void close() {
    child.close();
  }
}
