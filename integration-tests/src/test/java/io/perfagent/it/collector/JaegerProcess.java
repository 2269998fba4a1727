package io.perfagent.it.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Jaeger v2 built from its Go module, with in-memory storage and
 * {@code collector-config/jaeger.yaml}, on free ports of its own: OTLP gRPC in, the query API
 * ({@code /api/v3/traces/{id}}), gRPC query and its own metrics. Its self-tracing stays off
 * (the config says so), so it sends nothing to the collector's port.
 */
public final class JaegerProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceProcess process;
  private final int otlpGrpcPort;
  private final int queryPort;
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  private JaegerProcess(ServiceProcess process, int otlpGrpcPort, int queryPort) {
    this.process = process;
    this.otlpGrpcPort = otlpGrpcPort;
    this.queryPort = queryPort;
  }

  public static JaegerProcess start(String name) {
    int otlp = FreePorts.next();
    int query = FreePorts.next();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAEGER_OTLP_GRPC", "127.0.0.1:" + otlp);
    env.put("JAEGER_QUERY_HTTP", "127.0.0.1:" + query);
    env.put("JAEGER_QUERY_GRPC", FreePorts.loopback());
    env.put("JAEGER_METRICS_PORT", Integer.toString(FreePorts.next()));
    ServiceProcess p = ServiceProcess.start(name, List.of(GoBinaries.jaeger().toString(),
        "--config", GoBinaries.configDir().resolve("jaeger.yaml").toString()), env);
    try {
      p.awaitLine(l -> l.contains("Everything is ready"), Duration.ofSeconds(60));
    } catch (AssertionError e) {
      p.close();
      throw e;
    }
    return new JaegerProcess(p, otlp, query);
  }

  /** Where the collector sends traces: {@code host:port} of the OTLP gRPC receiver. */
  public String otlpEndpoint() {
    return "127.0.0.1:" + otlpGrpcPort;
  }

  /**
   * Polls {@code /api/v3/traces/{traceId}} until {@code done} holds for its answer (a 404
   * counts as not yet) within {@code timeout}; the answer. The bound only stops a broken run.
   */
  public JsonNode awaitTrace(String traceId, Predicate<JsonNode> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get("/api/v3/traces/" + traceId);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200) {
        try {
          JsonNode n = JSON.readTree(r.body());
          if (done.test(n)) {
            return n;
          }
        } catch (IOException e) {
          throw new AssertionError("not JSON: " + r.body(), e);
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("Jaeger never answered as expected for trace " + traceId
        + " within " + timeout + "; last: " + last + "\n" + process.output());
  }

  /** A GET on the query API. */
  public HttpResponse<String> get(String path) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + queryPort
          + path)).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
