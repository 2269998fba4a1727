package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.analyzer.PostgresServer;
import io.perfagent.it.apps.SmallApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two analyzer processes sharing one real PostgreSQL (Debian's server, a fresh cluster): a run
 * that the agent exported to one is read from the other, and a late span sent to the other
 * re-opens the run from the shared history as its next version, which both then serve.
 * Without PostgreSQL installed the test is skipped with a message; with {@code CI=true} it
 * fails instead.
 */
class AnalyzerPostgresIT {

  @Test
  void twoAnalyzersShareTheHistory() throws Exception {
    Path bin = PostgresServer.required();
    try (PostgresServer pg = PostgresServer.start(bin);
        AnalyzerProcess a = AnalyzerProcess.start("AnalyzerPostgresIT-a", null,
            List.of("--jdbc-url", pg.jdbcUrl(), "--quiet-period", "300ms"));
        AnalyzerProcess b = AnalyzerProcess.start("AnalyzerPostgresIT-b", null,
            List.of("--jdbc-url", pg.jdbcUrl(), "--quiet-period", "300ms"))) {
      assertThat(a.getJson("/api/health").path("database").asText()).isEqualTo("postgresql");

      ChildResult r = ChildJvm.builder(Jdks.current(), "AnalyzerPostgresIT-small")
          .agent(ItPaths.agentJar(), "summary=off,report=off")
          .env(a.exporterEnv("small-app"))
          .classpath(ItClasspath.apps())
          .mainClass(SmallApp.class)
          .run();
      assertThat(r.exitCode()).as(r.describe()).isZero();
      JsonNode runs = a.awaitJson("/api/pipelines/small/runs", n -> n.path("total").asInt() == 1,
          Duration.ofSeconds(60));
      String id = runs.path("runs").get(0).path("id").asText();
      JsonNode fromA = a.getJson("/api/runs/" + id);
      JsonNode fromB = b.getJson("/api/runs/" + id);
      assertThat(fromB).as("the run analyser A stored, read through B").isEqualTo(fromA);
      assertThat(fromB.path("spans").asInt()).isEqualTo(2);

      String root = "";
      for (JsonNode s : fromA.path("report").path("pipelines").get(0).path("slowest_run")
          .path("spans")) {
        if (s.path("parent_id").asText().isEmpty()) {
          root = s.path("span_id").asText();
        }
      }
      assertThat(root).isNotEmpty();
      long start = fromA.path("start_epoch_ns").asLong();
      ExportTraceServiceRequest late = ExportTraceServiceRequest.newBuilder()
          .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
              .addSpans(Span.newBuilder().setTraceId(ByteString.fromHex(id))
                  .setSpanId(ByteString.fromHex("00000000000000ff"))
                  .setParentSpanId(ByteString.fromHex(root)).setName("small.late")
                  .setStartTimeUnixNano(start + 1_000).setEndTimeUnixNano(start + 2_000)
                  .addAttributes(KeyValue.newBuilder().setKey("perf.stage")
                      .setValue(AnyValue.newBuilder().setStringValue("small.late"))))))
          .build();
      assertThat(b.post("/v1/traces", late.toByteArray(), "Content-Type",
          "application/x-protobuf").statusCode()).isEqualTo(200);
      JsonNode v2 = b.awaitJson("/api/runs/" + id, n -> n.path("version").asInt() == 2,
          Duration.ofSeconds(30));
      assertThat(v2.path("spans").asInt()).as("the stored spans and the late one").isEqualTo(3);
      assertThat(a.getJson("/api/runs/" + id).path("version").asInt()).isEqualTo(2);
      assertThat(a.getJson("/api/pipelines/small/runs").path("total").asInt()).isEqualTo(1);
    }
  }
}
