package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo under the real perf.jar exports OTLP/HTTP to the real analyzer jar; the analyzer's
 * REST answers are checked field by field against the agent's own exit report of the same run
 * (the same bottlenecks in the same order, of the same kinds, with the same shares),
 * and the history is still there after a graceful restart and after a {@code kill -9}.
 *
 * <p>The agent runs with {@code sample=off}: resource samples reach the exit report from the
 * agent's timeline, every second, but the analyzer only from OTLP metrics at the export
 * interval, so with sampling on a stage's kind can differ where it rests on the machine's CPU
 * load ({@code cpu} "waited for a core" there, {@code wait} here).
 */
class AnalyzerDemoIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDemoAnalysedHereGivesTheAgentsBottlenecksAndSurvivesRestarts() throws IOException {
    Path demo = ItPaths.buildDir().resolve("../../demo-pipeline/target/perf-demo.jar")
        .normalize();
    assertThat(demo).as("build demo-pipeline first").exists();
    assertThat(AnalyzerProcess.jar()).as("build analyzer first").exists();
    Path work = ItPaths.workDir("AnalyzerDemoIT");
    Path db = work.resolve("history.db");
    Files.deleteIfExists(db);

    String runId;
    JsonNode run;
    try (AnalyzerProcess analyzer = AnalyzerProcess.start("AnalyzerDemoIT-analyzer", db, null,
        "--quiet-period", "500ms")) {
      ChildResult r = ChildJvm.builder(Jdks.current(), "AnalyzerDemoIT-demo")
          .agent(ItPaths.agentJar(), "sample=off")
          .env(analyzer.exporterEnv("orders-batch"))
          .executableJar(demo)
          .args("--records", "300000")
          .run();
      assertThat(r.exitCode()).as(r.describe()).isZero();
      JsonNode agentReport = JSON.readTree(Files.readString(
          ItPaths.workDir("AnalyzerDemoIT-demo").resolve("perf-report/report.json")));
      JsonNode agentOrders = agentReport.path("pipelines").get(0);

      JsonNode pipelines = analyzer.awaitJson("/api/pipelines",
          n -> n.path("pipelines").size() > 0, Duration.ofSeconds(60));
      JsonNode orders = pipelines.path("pipelines").get(0);
      assertThat(orders.path("name").asText()).isEqualTo("orders");
      assertThat(orders.path("runs").asLong()).isEqualTo(1);
      runId = orders.path("last_run").path("id").asText();
      assertThat(runId).as("a run's id is its trace id").matches("[0-9a-f]{32}")
          .isEqualTo(agentOrders.path("slowest_run").path("trace_id").asText());

      run = analyzer.getJson("/api/runs/" + runId);
      assertThat(run.path("id").asText()).isEqualTo(runId);
      assertThat(run.path("trace_id").asText()).isEqualTo(runId);
      assertThat(run.path("version").asInt()).isEqualTo(1);
      assertThat(run.path("pipeline").asText()).isEqualTo("orders");
      assertThat(run.path("root_stage").asText())
          .isEqualTo(agentOrders.path("root_stage").asText());
      assertThat(run.path("services").get(0).asText()).isEqualTo("orders-batch");
      assertThat(run.path("instances")).as("one JVM sent the run").hasSize(1);
      assertThat(run.path("start_epoch_ns").asLong())
          .isEqualTo(agentOrders.path("slowest_run").path("start_epoch_ns").asLong());
      assertThat(run.path("wall_ns").asLong()).as("the same root span, to the nanosecond")
          .isEqualTo(agentOrders.path("wall_ns").asLong());
      assertThat(run.path("spans").asInt()).as("every span the agent kept for its report")
          .isEqualTo(agentOrders.path("slowest_run").path("spans_total").asInt());

      // the same analysis: the same bottlenecks in the same order, of the same kinds, with the
      // same shares (folds on other threads come back with their threads and windows)
      JsonNode ours = run.path("report").path("pipelines").get(0).path("bottlenecks");
      JsonNode theirs = agentOrders.path("bottlenecks");
      assertThat(ours.size()).as("bottlenecks here").isPositive();
      assertThat(kinds(ours)).as("stage and kind, in order").isEqualTo(kinds(theirs));
      Map<String, Double> ourShares = shares(ours);
      Map<String, Double> theirShares = shares(theirs);
      for (Map.Entry<String, Double> e : ourShares.entrySet()) {
        assertThat(e.getValue()).as("share of " + e.getKey())
            .isCloseTo(theirShares.get(e.getKey()), within(0.001));
      }
      assertThat(run.path("bottleneck").path("stage").asText())
          .isEqualTo(theirs.get(0).path("stage").asText());

      // the critical path: segments in time order, inside the run, of the run's spans
      JsonNode path = run.path("critical_path");
      assertThat(path.size()).isGreaterThan(1);
      Set<String> spanIds = new HashSet<>();
      for (JsonNode s : run.path("report").path("pipelines").get(0).path("slowest_run")
          .path("spans")) {
        spanIds.add(s.path("span_id").asText());
      }
      long last = -1;
      for (JsonNode seg : path) {
        assertThat(seg.path("start_ns").asLong()).isGreaterThanOrEqualTo(last);
        assertThat(seg.path("start_ns").asLong() + seg.path("duration_ns").asLong())
            .isLessThanOrEqualTo(run.path("wall_ns").asLong());
        // a span of the run, or a branch of calls folded under one on another thread
        // ("<parent span>~<stage>~<thread>"), as in the exit report
        assertThat(spanIds).contains(seg.path("span_id").asText().split("~")[0]);
        last = seg.path("start_ns").asLong();
      }

      JsonNode runs = analyzer.getJson("/api/pipelines/orders/runs?limit=10");
      assertThat(runs.path("total").asLong()).isEqualTo(1);
      assertThat(runs.path("runs").get(0).path("id").asText()).isEqualTo(runId);
      assertThat(analyzer.getJson("/api/pipelines/orders/runs?to=1000").path("runs").size())
          .as("no run started before 1970-01-01T00:00:01Z").isZero();

      JsonNode report = analyzer.getJson("/api/pipelines/orders/report");
      assertThat(report.path("schema").asText()).isEqualTo("perf-report/1");
      assertThat(report.path("pipelines").get(0).path("runs").asInt()).isEqualTo(1);
      assertThat(shares(report.path("pipelines").get(0).path("bottlenecks")))
          .as("the pipeline's report over its one run is that run's").isEqualTo(ourShares);

      JsonNode recs = analyzer.getJson("/api/recommendations").path("recommendations");
      assertThat(recs.size()).isEqualTo(agentOrders.path("recommendations").size());

      HttpResponse<String> csv = analyzer.get("/api/export?pipeline=orders&format=csv");
      assertThat(csv.statusCode()).isEqualTo(200);
      List<String> lines = csv.body().lines().toList();
      assertThat(lines.get(0)).startsWith("run_id,version,pipeline,");
      assertThat(lines).as("one row per stage of the run")
          .hasSize(1 + agentOrders.path("stages").size());
      assertThat(lines).anyMatch(l -> l.startsWith(runId + ",1,orders,") && l.contains(",score,"));

      assertThat(analyzer.metric("perf_analyzer_runs_analysed_total")).isEqualTo(1);
      assertThat(analyzer.metric("perf_analyzer_spans_received_total"))
          .isEqualTo(run.path("spans").asDouble());
      assertThat(analyzer.getJson("/api/openapi.json").path("paths").has("/api/runs/{id}"))
          .isTrue();

      ChildResult stopped = analyzer.stop();
      assertThat(stopped.exitCode()).as(stopped.describe()).isIn(0, 143);
    }

    try (AnalyzerProcess again = AnalyzerProcess.start("AnalyzerDemoIT-restart", db, null)) {
      JsonNode after = again.getJson("/api/runs/" + runId);
      assertThat(after.toString()).as("the run, as it was before the restart")
          .isEqualTo(run.toString());
      again.close(); // SIGKILL: what was committed stays
    }
    try (AnalyzerProcess third = AnalyzerProcess.start("AnalyzerDemoIT-after-kill", db, null)) {
      assertThat(third.getJson("/api/runs/" + runId).path("version").asInt()).isEqualTo(1);
      assertThat(third.getJson("/api/health").path("status").asText()).isEqualTo("ok");
    }
  }

  private static List<String> kinds(JsonNode bottlenecks) {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode b : bottlenecks) {
      out.add(b.path("stage").asText() + " " + b.path("kind").asText());
    }
    return out;
  }

  private static Map<String, Double> shares(JsonNode bottlenecks) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (JsonNode b : bottlenecks) {
      out.put(b.path("stage").asText(), b.path("critical_path_share").asDouble());
    }
    return out;
  }
}
