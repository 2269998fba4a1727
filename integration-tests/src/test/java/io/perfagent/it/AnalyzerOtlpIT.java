package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.harness.ItPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OTLP/HTTP against the real analyzer jar, as the specification says: what a broken or hostile
 * client gets (401, 400 with a {@code google.rpc.Status}, 413 for a gzip bomb, 415, 503 with
 * {@code Retry-After}, {@code partial_success}), that each is counted, that the service answers
 * on after each, and what a good client gets: JSON with hex ids, duplicates stored once, a late
 * span re-analysing its run as the next version.
 */
class AnalyzerOtlpIT {

  private static final String TOKEN = "s3cret-token";
  private static final String PROTOBUF = "application/x-protobuf";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AnalyzerProcess analyzer;

  @BeforeAll
  static void start() throws IOException {
    Path db = ItPaths.workDir("AnalyzerOtlpIT").resolve("history.db");
    Files.deleteIfExists(db);
    analyzer = AnalyzerProcess.start("AnalyzerOtlpIT-analyzer", db, TOKEN,
        "--token", TOKEN, "--quiet-period", "300ms", "--max-body", "1MiB",
        "--max-queued-spans", "100");
  }

  @AfterAll
  static void stop() {
    if (analyzer != null) {
      analyzer.close();
    }
  }

  private static String[] auth(String contentType) {
    return new String[] {"Content-Type", contentType, "Authorization", "Bearer " + TOKEN};
  }

  @Test
  void withoutTheTokenOtlpAndTheApiAnswer401() {
    HttpResponse<byte[]> r = analyzer.post("/v1/traces", request("a1", 1).toByteArray(),
        "Content-Type", PROTOBUF);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(status(r).getCode()).isEqualTo(Code.UNAUTHENTICATED_VALUE);
    r = analyzer.post("/v1/traces", request("a1", 1).toByteArray(), "Content-Type", PROTOBUF,
        "Authorization", "Bearer wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(analyzer.metric("perf_analyzer_requests_rejected_total{cause=\"unauthorized\"}"))
        .isGreaterThanOrEqualTo(2);
    assertThat(analyzer.get("/api/pipelines", false).statusCode()).isEqualTo(401);
    assertThat(analyzer.get("/metrics", false).statusCode()).isEqualTo(401);
    assertThat(analyzer.get("/api/health", false).statusCode()).as("health needs no token")
        .isEqualTo(200);
  }

  @Test
  void aBodyThatIsNotProtobufIs400WithAStatus() {
    HttpResponse<byte[]> r = analyzer.post("/v1/traces",
        "this is not protobuf \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1),
        auth(PROTOBUF));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    Status s = status(r);
    assertThat(s.getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
    assertThat(s.getMessage()).contains("not a protobuf");
    assertThat(analyzer.getJson("/api/health").path("status").asText()).isEqualTo("ok");
  }

  @Test
  void aGzipBombIs413AfterTheLimitNotAfterTheWholeBomb() throws IOException {
    // 256 MiB of zeros, about 256 KiB compressed: inflated whole it would be 256 times the limit
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) {
        gz.write(zeros);
      }
    }
    String[] headers = Arrays.copyOf(auth(PROTOBUF), 6);
    headers[4] = "Content-Encoding";
    headers[5] = "gzip";
    HttpResponse<byte[]> r = analyzer.post("/v1/traces", bytes.toByteArray(), headers);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(status(r).getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED_VALUE);
    assertThat(analyzer.metric("perf_analyzer_requests_rejected_total{cause=\"too_large\"}"))
        .isGreaterThanOrEqualTo(1);

    byte[] truncated = Arrays.copyOf(gzip(request("a2", 1).toByteArray()), 20);
    r = analyzer.post("/v1/traces", truncated, headers);
    assertThat(r.statusCode()).as("a truncated gzip body").isEqualTo(400);
    assertThat(analyzer.getJson("/api/health").path("status").asText()).isEqualTo("ok");
  }

  @Test
  void anotherContentTypeIs415() {
    HttpResponse<byte[]> r = analyzer.post("/v1/traces", "hello".getBytes(StandardCharsets.UTF_8),
        auth("text/plain"));
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(status(r).getMessage()).contains("text/plain");
  }

  @Test
  void aFullQueueIs503WithRetryAfter() {
    // --max-queued-spans 100: a request of 101 spans can never fit, so it is refused every time
    HttpResponse<byte[]> r = analyzer.post("/v1/traces", request("b1", 101).toByteArray(),
        auth(PROTOBUF));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(status(r).getCode()).isEqualTo(Code.UNAVAILABLE_VALUE);
    assertThat(analyzer.metric("perf_analyzer_spans_rejected_total{cause=\"queue_full\"}"))
        .isGreaterThanOrEqualTo(101);
  }

  @Test
  void someInvalidSpansArePartialSuccessTheRestIsKept() throws IOException {
    ExportTraceServiceRequest.Builder req = request("c1", 2).toBuilder();
    req.getResourceSpansBuilder(0).getScopeSpansBuilder(0).addSpans(Span.newBuilder()
        .setTraceId(ByteString.copyFrom(new byte[8])).setSpanId(id8("c1", 99)).setName("bad"));
    HttpResponse<byte[]> r = analyzer.post("/v1/traces", req.build().toByteArray(),
        auth(PROTOBUF));
    assertThat(r.statusCode()).isEqualTo(200);
    ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(r.body());
    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("trace_id");
    JsonNode run = analyzer.awaitJson("/api/runs/" + traceHex("c1"), n -> true,
        Duration.ofSeconds(30));
    assertThat(run.path("spans").asInt()).isEqualTo(2);
  }

  @Test
  void jsonWithHexIdsIsARunDuplicatesOnceALateSpanIsTheNextVersion() throws IOException {
    String trace = traceHex("d1");
    String root = spanHex("d1", 0);
    String body = "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
        + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"json-client\"}}]},"
        + "\"scopeSpans\":[{\"spans\":["
        + jsonSpan(trace, root, "", "ingest", 1_000_000_000L, 2_000_000_000L) + ","
        + jsonSpan(trace, spanHex("d1", 1), root, "parse", 1_100_000_000L, 1_900_000_000L)
        + "]}]}]}";
    String[] json = auth("application/json");
    HttpResponse<byte[]> r = analyzer.post("/v1/traces", body.getBytes(StandardCharsets.UTF_8),
        json);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(JSON.readTree(r.body()).has("partialSuccess")).isFalse();
    // the same spans again: stored once
    assertThat(analyzer.post("/v1/traces", body.getBytes(StandardCharsets.UTF_8), json)
        .statusCode()).isEqualTo(200);

    JsonNode run = analyzer.awaitJson("/api/runs/" + trace, n -> true, Duration.ofSeconds(30));
    assertThat(run.path("version").asInt()).isEqualTo(1);
    assertThat(run.path("spans").asInt()).isEqualTo(2);
    assertThat(run.path("pipeline").asText()).isEqualTo("jsonpipe");
    assertThat(run.path("wall_ns").asLong()).isEqualTo(1_000_000_000L);
    assertThat(run.path("services").get(0).asText()).isEqualTo("json-client");
    assertThat(run.path("critical_path").get(1).path("stage").asText()).isEqualTo("parse");

    // a late span of the closed run, over protobuf: the same run, analysed again
    ExportTraceServiceRequest late = ExportTraceServiceRequest.newBuilder().addResourceSpans(
        ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(
            span("d1", 2, 0, "write", 1_900_000_000L, 1_950_000_000L)))).build();
    assertThat(analyzer.post("/v1/traces", late.toByteArray(), auth(PROTOBUF)).statusCode())
        .isEqualTo(200);
    JsonNode v2 = analyzer.awaitJson("/api/runs/" + trace, n -> n.path("version").asInt() == 2,
        Duration.ofSeconds(30));
    assertThat(v2.path("spans").asInt()).isEqualTo(3);
    assertThat(analyzer.getJson("/api/pipelines/jsonpipe/runs").path("total").asLong())
        .as("never split into a second run").isEqualTo(1);
    assertThat(analyzer.metric("perf_analyzer_spans_dropped_total{cause=\"duplicate\"}"))
        .isGreaterThanOrEqualTo(2);

    HttpResponse<byte[]> bad = analyzer.post("/v1/traces", body.replace(root, "zz" + root
        .substring(2)).getBytes(StandardCharsets.UTF_8), json);
    assertThat(bad.statusCode()).as("an id that is not hex").isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("message").asText()).contains("not hex");
  }

  @Test
  void thousandsOfIdleConnectionsDoNotTakeItDown() throws IOException {
    // past the server's cap (1,000 open connections) further ones are closed on accept; the
    // API, a server of its own, answers throughout, and OTLP again once they are gone
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 1500; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", analyzer.httpPort()), 10_000);
        idle.add(s);
      }
      assertThat(analyzer.getJson("/api/health").path("status").asText()).isEqualTo("ok");
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = 0;
    while (status != 200 && System.nanoTime() < deadline) {
      try {
        status = analyzer.post("/v1/traces", request("e1", 1).toByteArray(), auth(PROTOBUF))
            .statusCode();
      } catch (AssertionError e) {
        status = -1; // refused while the closed connections are still counted: try again
      }
      if (status != 200) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    assertThat(status).as("OTLP answers again once the idle connections are gone")
        .isEqualTo(200);
  }

  private static String jsonSpan(String trace, String span, String parent, String stage,
      long start, long end) {
    return "{\"traceId\":\"" + trace + "\",\"spanId\":\"" + span + "\",\"parentSpanId\":\""
        + parent + "\",\"name\":\"" + stage + "\",\"kind\":1,\"startTimeUnixNano\":\"" + start
        + "\",\"endTimeUnixNano\":\"" + end + "\",\"attributes\":["
        + "{\"key\":\"perf.stage\",\"value\":{\"stringValue\":\"" + stage + "\"}},"
        + "{\"key\":\"perf.pipeline\",\"value\":{\"stringValue\":\"jsonpipe\"}},"
        + "{\"key\":\"perf.cpu_ns\",\"value\":{\"intValue\":\"" + (end - start) / 2 + "\"}},"
        + "{\"key\":\"perf.cpu_source\",\"value\":{\"stringValue\":\"measured\"}},"
        + "{\"key\":\"thread.id\",\"value\":{\"intValue\":1}}]}";
  }

  /** A trace of {@code spans} spans: a root and children, named by {@code key}. */
  private static ExportTraceServiceRequest request(String key, int spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      scope.addSpans(span(key, i, i == 0 ? -1 : 0, i == 0 ? "root" : "child",
          1_000_000_000L + i, 2_000_000_000L - i));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "it")))
        .addScopeSpans(scope)).build();
  }

  private static Span span(String key, int n, int parent, String stage, long start, long end) {
    Span.Builder s = Span.newBuilder().setTraceId(ByteString.fromHex(traceHex(key)))
        .setSpanId(id8(key, n)).setName(stage).setStartTimeUnixNano(start)
        .setEndTimeUnixNano(end).addAttributes(kv("perf.stage", stage))
        .addAttributes(kv("perf.pipeline", "proto-" + key));
    if (parent >= 0) {
      s.setParentSpanId(id8(key, parent));
    }
    return s.build();
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }

  /** A 32-hex-digit trace id made from a short key. */
  private static String traceHex(String key) {
    return String.format("%032x", Math.abs((long) key.hashCode()) + 1);
  }

  private static String spanHex(String key, int n) {
    return String.format("%016x", (Math.abs((long) key.hashCode()) << 8) + n + 1);
  }

  private static ByteString id8(String key, int n) {
    return ByteString.fromHex(spanHex(key, n));
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  private static Status status(HttpResponse<byte[]> r) {
    try {
      return Status.parseFrom(r.body());
    } catch (IOException e) {
      throw new AssertionError("not a google.rpc.Status: " + Arrays.toString(r.body()), e);
    }
  }
}
