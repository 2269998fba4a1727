package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What stopping the analyzer does to a run still open (its root came, its quiet period of an
 * hour has not passed): SIGTERM drains, so the run is analysed and stored before the exit;
 * {@code kill -9} loses that open run and nothing else, and the history opens again.
 */
class AnalyzerShutdownIT {

  @Test
  void sigtermStoresTheOpenRunsKillNineLosesOnlyThem() throws IOException {
    Path db = ItPaths.workDir("AnalyzerShutdownIT").resolve("history.db");
    Files.deleteIfExists(db);
    try (AnalyzerProcess a = AnalyzerProcess.start("AnalyzerShutdownIT-term", db, null,
        "--quiet-period", "1h")) {
      send(a, "0000000000000000000000000000aaa1");
      a.awaitJson("/api/health", n -> n.path("open_traces").asInt() == 1, Duration.ofSeconds(30));
      assertThat(a.get("/api/runs/0000000000000000000000000000aaa1").statusCode())
          .as("open: not analysed yet").isEqualTo(404);
      ChildResult r = a.stop();
      assertThat(r.exitCode()).as(r.describe()).isIn(0, 143);
    }
    try (AnalyzerProcess b = AnalyzerProcess.start("AnalyzerShutdownIT-kill", db, null,
        "--quiet-period", "1h")) {
      assertThat(b.getJson("/api/runs/0000000000000000000000000000aaa1").path("spans").asInt())
          .as("the open run, analysed and stored on SIGTERM").isEqualTo(2);
      send(b, "0000000000000000000000000000bbb2");
      b.awaitJson("/api/health", n -> n.path("open_traces").asInt() == 1, Duration.ofSeconds(30));
      b.close(); // SIGKILL
    }
    try (AnalyzerProcess c = AnalyzerProcess.start("AnalyzerShutdownIT-after", db, null)) {
      assertThat(c.get("/api/runs/0000000000000000000000000000bbb2").statusCode())
          .as("the run still open at kill -9 is lost").isEqualTo(404);
      assertThat(c.getJson("/api/runs/0000000000000000000000000000aaa1").path("version")
          .asInt()).as("the stored history is intact").isEqualTo(1);
    }
  }

  private static void send(AnalyzerProcess a, String trace) {
    // now, not 1970: a restarted analyzer deletes runs past the retention (30 days) at once
    long now = System.currentTimeMillis() * 1_000_000L;
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < 2; i++) {
      Span.Builder s = Span.newBuilder().setTraceId(ByteString.fromHex(trace))
          .setSpanId(ByteString.fromHex(String.format("%016x", i + 1)))
          .setName("s" + i).setStartTimeUnixNano(now - 2_000_000_000L + i)
          .setEndTimeUnixNano(now - 1_000_000_000L - i)
          .addAttributes(KeyValue.newBuilder().setKey("perf.stage")
              .setValue(AnyValue.newBuilder().setStringValue("s" + i)))
          .addAttributes(KeyValue.newBuilder().setKey("perf.pipeline")
              .setValue(AnyValue.newBuilder().setStringValue("drain")));
      if (i > 0) {
        s.setParentSpanId(ByteString.fromHex("0000000000000001"));
      }
      scope.addSpans(s);
    }
    byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(
        ResourceSpans.newBuilder().addScopeSpans(scope)).build().toByteArray();
    assertThat(a.post("/v1/traces", body, "Content-Type", "application/x-protobuf")
        .statusCode()).isEqualTo(200);
  }
}
