package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.apps.DistributedApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One pipeline run over two JVMs under the real perf.jar: the coordinator hands its stage's
 * {@code Perf.traceparent()} to a worker process, which opens its stage with
 * {@code Perf.stage(name, traceparent)}. Both export to the real analyzer, which assembles the
 * spans of both processes into one run: one trace, the worker's stage a child of the
 * coordinator's, and the critical path through the worker's steps. A malformed header makes
 * a root of its own and one line in the exit summary.
 * Here the header passes through this test (stdout to stdin); {@code CollectorJaegerIT} and
 * {@code LoadBalancedAnalyzersIT} hand it over a TCP socket, through the collector tier.
 */
class DistributedRunIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void aRunCrossesProcessesWithItsTraceparent(Jdk jdk) throws Exception {
    String tag = "DistributedRunIT-jdk" + jdk.feature();
    Path db = ItPaths.workDir(tag).resolve("history.db");
    Files.deleteIfExists(db);
    try (AnalyzerProcess analyzer = AnalyzerProcess.start(tag + "-analyzer", db, null,
        "--quiet-period", "500ms");
        ChildJvm.Running workerJvm = ChildJvm.builder(jdk, tag + "-worker")
            .agent(ItPaths.agentJar(), "sample=off")
            .env(analyzer.exporterEnv("dist-worker"))
            .classpath(ItClasspath.apps()).mainClass(DistributedApp.class)
            .args("worker").start();
        ChildJvm.Running coordinator = ChildJvm.builder(jdk, tag + "-coordinator")
            .agent(ItPaths.agentJar(), "sample=off")
            .env(analyzer.exporterEnv("dist-coordinator"))
            .classpath(ItClasspath.apps()).mainClass(DistributedApp.class)
            .args("coordinator").start()) {
      workerJvm.awaitStdoutLine("READY"::equals, Duration.ofSeconds(60));
      String line = coordinator.awaitStdoutLine(l -> l.startsWith("TRACEPARENT "),
          Duration.ofSeconds(60));
      String header = line.substring("TRACEPARENT ".length());
      assertThat(header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

      workerJvm.writeLine(header); // the request, with its header
      workerJvm.awaitStdoutLine("DONE"::equals, Duration.ofSeconds(60));
      coordinator.writeLine("go"); // the answer
      ChildResult worker = workerJvm.awaitExit();
      assertThat(worker.exitCode()).as(worker::describe).isZero();
      assertThat(worker.stderr()).doesNotContain("malformed traceparent");
      ChildResult done = coordinator.awaitExit();
      assertThat(done.exitCode()).as(done::describe).isZero();

      String traceId = header.substring(3, 35);
      JsonNode pipelines = analyzer.awaitJson("/api/pipelines",
          n -> n.path("pipelines").size() > 0, Duration.ofSeconds(60));
      assertThat(pipelines.path("pipelines")).as("one pipeline, dist, one run").hasSize(1);
      JsonNode dist = pipelines.path("pipelines").get(0);
      assertThat(dist.path("name").asText()).isEqualTo("dist");
      assertThat(dist.path("runs").asLong()).isEqualTo(1);
      assertThat(dist.path("last_run").path("id").asText()).isEqualTo(traceId);

      JsonNode run = analyzer.getJson("/api/runs/" + traceId);
      assertThat(run.path("instances")).as("two JVMs sent the run").hasSize(2);
      List<String> services = new ArrayList<>();
      run.path("services").forEach(s -> services.add(s.asText()));
      assertThat(services).containsExactlyInAnyOrder("dist-coordinator", "dist-worker");
      assertThat(run.path("spans").asInt()).as("3 stages here, 4 there").isEqualTo(7);

      JsonNode report = run.path("report").path("pipelines").get(0);
      Map<String, String> idOf = new HashMap<>();
      Map<String, List<String>> parentsOf = new HashMap<>();
      for (JsonNode s : report.path("slowest_run").path("spans")) {
        idOf.put(s.path("stage").asText(), s.path("span_id").asText());
        parentsOf.computeIfAbsent(s.path("stage").asText(), k -> new ArrayList<>())
            .add(s.path("parent_id").asText());
      }
      assertThat(parentsOf.get("dist.work")).as("the worker's stage under the coordinator's")
          .containsExactly(idOf.get("dist.send"));
      assertThat(parentsOf.get("dist.step")).hasSize(3).containsOnly(idOf.get("dist.work"));
      // the coordinator waited on the worker: its steps hold most of the path (1.2 s; the
      // coordinator's merge 20 ms, and its wait for the request and the answer to pass
      // through this test, the rest: 330 ms once on a loaded machine, more than 100 ms steps)
      assertThat(report.path("bottlenecks").get(0).path("stage").asText())
          .as("%s%n%s", report.path("bottlenecks"), run.path("critical_path"))
          .isEqualTo("dist.step");
      List<String> onPath = new ArrayList<>();
      run.path("critical_path").forEach(seg -> onPath.add(seg.path("stage").asText()));
      assertThat(onPath).contains("dist.run", "dist.send", "dist.work", "dist.step",
          "dist.merge");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void aMalformedTraceparentIsARootAndOneLine(Jdk jdk) throws Exception {
    ChildResult worker = ChildJvm.builder(jdk, "DistributedRunIT-bad-jdk" + jdk.feature())
        .agent(ItPaths.agentJar(), "sample=off")
        .classpath(ItClasspath.apps()).mainClass(DistributedApp.class)
        .args("worker", "00-not-a-header").run();
    assertThat(worker.exitCode()).as(worker::describe).isZero();
    assertThat(worker.stdoutText()).contains("DONE");
    assertThat(worker.perfAgentLines()).as(worker::describe)
        .anyMatch(l -> l.contains("1 stages opened with a malformed traceparent ran as roots "
            + "of their own (first: '00-not-a-header'"))
        .anyMatch(l -> l.contains("pipeline dist.work, 1 run"));
    assertThat(worker.stackTraceLines()).isEmpty();
  }
}
