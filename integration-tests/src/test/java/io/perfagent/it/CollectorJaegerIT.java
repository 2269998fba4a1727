package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.apps.SocketPipelineApp;
import io.perfagent.it.collector.CollectorProcess;
import io.perfagent.it.collector.GoBinaries;
import io.perfagent.it.collector.JaegerProcess;
import io.perfagent.it.collector.OtlpJsonSpans;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The single-collector set-up of {@code collector-config/otelcol.yaml}, all real programs: two
 * JVMs under perf.jar run one pipeline run, the coordinator handing its stage's
 * {@code traceparent} to the worker over a TCP socket; both export OTLP (one gRPC, one HTTP)
 * to the collector built from its Go modules, which sends the traces to Jaeger v2 (built from
 * its Go module, in-memory storage) and traces and metrics to the analyzer. Jaeger's query API
 * shows the one trace with its stage names, its parentage across the two processes and the
 * {@code perf.*} attributes; the analyzer names the bottleneck of the same run, on a critical
 * path that crosses the processes. Without Go the test is skipped (failed under
 * {@code CI=true}).
 */
class CollectorJaegerIT {

  private static final String TAG = "CollectorJaegerIT";

  @Test
  void aRunOverTwoJvmsReachesJaegerAndTheAnalyzerThroughTheCollector() throws Exception {
    GoBinaries.assumeGo();
    Path db = ItPaths.workDir(TAG).resolve("history.db");
    Files.deleteIfExists(db);
    try (JaegerProcess jaeger = JaegerProcess.start(TAG + "-jaeger");
        AnalyzerProcess analyzer = AnalyzerProcess.start(TAG + "-analyzer", db, null,
            "--quiet-period", "500ms");
        CollectorProcess collector = CollectorProcess.start(TAG + "-otelcol", "otelcol.yaml",
            Map.of("JAEGER_OTLP_ENDPOINT", jaeger.otlpEndpoint(),
                "ANALYZER_OTLP_ENDPOINT", "127.0.0.1:" + analyzer.grpcPort()));
        ChildJvm.Running worker = ChildJvm.builder(Jdks.current(), TAG + "-worker")
            .agent(ItPaths.agentJar(), "summary=off,report=off")
            .env(collector.exporterEnv("sock-worker", false))
            .classpath(ItClasspath.apps()).mainClass(SocketPipelineApp.class)
            .args("worker").start()) {
      String port = worker.awaitStdoutLine(l -> l.startsWith("LISTENING "), Duration.ofSeconds(60))
          .substring("LISTENING ".length());
      ChildResult coordinator = ChildJvm.builder(Jdks.current(), TAG + "-coordinator")
          .agent(ItPaths.agentJar(), "summary=off,report=off")
          .env(collector.exporterEnv("sock-coordinator", true))
          .classpath(ItClasspath.apps()).mainClass(SocketPipelineApp.class)
          .args("coordinator", port, "1", "0").run();
      assertThat(coordinator.exitCode()).as(coordinator::describe).isZero();
      ChildResult workerDone = worker.awaitExit();
      assertThat(workerDone.exitCode()).as(workerDone::describe).isZero();
      String traceId = coordinator.stdoutText().stream().filter(l -> l.startsWith("RUN 0 "))
          .findFirst().orElseThrow().substring("RUN 0 ".length());

      // Jaeger: one trace, both services, the worker's stage under the coordinator's
      JsonNode trace = jaeger.awaitTrace(traceId,
          n -> OtlpJsonSpans.of(n).size() == SocketPipelineApp.SPANS_PER_RUN,
          Duration.ofSeconds(60));
      List<OtlpJsonSpans.Span> spans = OtlpJsonSpans.of(trace);
      assertThat(spans).extracting(OtlpJsonSpans.Span::service).containsOnly(
          "sock-coordinator", "sock-worker");
      assertThat(spans).extracting(OtlpJsonSpans.Span::traceId).containsOnly(traceId);
      assertThat(spans).extracting(s -> s.attribute("perf.stage")).containsExactlyInAnyOrder(
          "sock.run", "sock.send", "sock.merge", "sock.work", "sock.step", "sock.step",
          "sock.step");
      assertThat(spans).allSatisfy(s -> {
        // the worker knows no pipeline name (a traceparent carries ids only): its spans name
        // their local entry stage; the analyzer puts them in the coordinator's run by trace
        assertThat(s.attribute("perf.pipeline")).isEqualTo(
            s.service().equals("sock-coordinator") ? "sock" : "sock.work");
        assertThat(s.attribute("perf.cpu_ns")).isNotEmpty();
        assertThat(s.attribute("perf.cpu_source")).isIn("measured", "sampled");
      });
      OtlpJsonSpans.Span root = OtlpJsonSpans.stage(spans, "sock.run").get(0);
      OtlpJsonSpans.Span send = OtlpJsonSpans.stage(spans, "sock.send").get(0);
      OtlpJsonSpans.Span work = OtlpJsonSpans.stage(spans, "sock.work").get(0);
      assertThat(root.name()).as("a pipeline root is named by its pipeline").isEqualTo("sock");
      assertThat(root.parentSpanId()).isEmpty();
      assertThat(send.parentSpanId()).isEqualTo(root.spanId());
      assertThat(OtlpJsonSpans.stage(spans, "sock.merge").get(0).parentSpanId())
          .isEqualTo(root.spanId());
      assertThat(work.parentSpanId()).as("the worker's stage, under the stage that sent it")
          .isEqualTo(send.spanId());
      assertThat(send.service()).isEqualTo("sock-coordinator");
      assertThat(work.service()).isEqualTo("sock-worker");
      assertThat(OtlpJsonSpans.stage(spans, "sock.step"))
          .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(work.spanId()));
      System.out.println("[" + TAG + "] Jaeger /api/v3/traces/" + traceId + ": "
          + OtlpJsonSpans.describe(spans));

      // the analyzer: the same run, assembled from both JVMs, its bottleneck named
      JsonNode run = analyzer.awaitJson("/api/runs/" + traceId,
          n -> n.path("spans").asInt() == SocketPipelineApp.SPANS_PER_RUN,
          Duration.ofSeconds(60));
      assertThat(run.path("instances")).as("two JVMs sent the run").hasSize(2);
      JsonNode report = run.path("report").path("pipelines").get(0);
      assertThat(report.path("name").asText()).isEqualTo("sock");
      assertThat(report.path("bottlenecks").get(0).path("stage").asText())
          .as("%s", report.path("bottlenecks")).isEqualTo("sock.step");
      List<String> onPath = new ArrayList<>();
      run.path("critical_path").forEach(seg -> onPath.add(seg.path("stage").asText()));
      assertThat(onPath).as("the critical path crosses the processes")
          .contains("sock.run", "sock.send", "sock.work", "sock.step");
      System.out.println("[" + TAG + "] analyzer /api/runs/" + traceId + ": bottleneck "
          + report.path("bottlenecks").get(0).path("stage").asText() + ", critical path "
          + onPath);
      assertThat(analyzer.metric("perf_analyzer_metric_points_received_total"))
          .as("the agents' metrics reach the analyzer through the collector").isPositive();
    }
  }
}
