package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.apps.ManyTasksApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bound on the report's spans keeps whole runs ({@link ManyTasksApp}: 3 runs of 20,000 pool
 * tasks, {@code report.max.spans=1000}): exactly one run per root, the child stage's calls
 * exact, the spans kept within the bound (and the roots), the rest summarised and counted,
 * nothing dropped, and the child stage still where the time goes. Before, the bound kept the
 * first 1000 children and dropped every root (they end last): "no pipeline runs were
 * recorded", while the exit line said "nothing dropped".
 */
class BoundedRunsIT {

  private static final int BOUND = 1000;

  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void theBoundKeepsEveryRunsRootAndCountsEveryCall(Jdk jdk) throws IOException {
    String name = "BoundedRunsIT-" + jdk.feature();
    ChildResult r = ChildJvm.builder(jdk, name)
        // a large buffer: this test is about the report's bound, not the threads' buffers
        .agent(ItPaths.agentJar(), "report.max.spans=" + BOUND + ",buffer.size=65536")
        .classpath(ItClasspath.apps())
        .mainClass(ManyTasksApp.class)
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdoutText()).as(r.describe()).contains("DONE");
    JsonNode report = new ObjectMapper().readTree(Files.readString(
        ItPaths.workDir(name).resolve("perf-report/report.json")));

    List<String> pipelines = new ArrayList<>();
    for (JsonNode p : report.path("pipelines")) {
      pipelines.add(p.path("name").asText());
    }
    assertThat(pipelines).as("no pipeline named after the child").containsExactly("batch");
    JsonNode batch = report.path("pipelines").get(0);
    assertThat(batch.path("runs").asInt()).as("one run per root").isEqualTo(ManyTasksApp.RUNS);
    long calls = (long) ManyTasksApp.RUNS * ManyTasksApp.TASKS;
    assertThat(stage(batch, "task").path("calls").asLong()).isEqualTo(calls);
    assertThat(stage(batch, "batch").path("calls").asLong()).isEqualTo(ManyTasksApp.RUNS);

    JsonNode agent = report.path("agent");
    long made = agent.path("report_spans").asLong();
    long kept = agent.path("report_kept_spans").asLong();
    long summarised = agent.path("report_summarised_spans").asLong();
    assertThat(made).as("every span the sink got").isEqualTo(calls + ManyTasksApp.RUNS);
    assertThat(kept).as("within the bound, roots besides")
        .isLessThanOrEqualTo(BOUND + ManyTasksApp.RUNS).isGreaterThanOrEqualTo(BOUND);
    assertThat(kept + summarised).as("kept + summarised = made").isEqualTo(made);
    assertThat(agent.path("report_summarised_spans.task").asLong()).isEqualTo(summarised);
    assertThat(agent.path("report_dropped_spans").asLong()).isZero();
    assertThat(agent.path("dropped_spans").asLong()).isZero();
    assertThat(agent.path("report_dropped_exemplars").asLong()).isZero();
    assertThat(agent.path("report_dropped_runs").asLong()).isZero();
    assertThat(agent.path("report_summary_aggregates").asLong()).as("per root and pool thread")
        .isBetween(1L, (long) ManyTasksApp.RUNS * ManyTasksApp.THREADS);

    // the tasks are the work: the run's critical path runs through them, not the waiting root
    JsonNode task = stage(batch, "task");
    assertThat(task.path("critical_path_share").asDouble())
        .isGreaterThan(stage(batch, "batch").path("critical_path_share").asDouble());
    assertThat(batch.path("bottlenecks").get(0).path("stage").asText()).isEqualTo("task");

    assertThat(r.stderr()).as(r.describe()).contains("nothing dropped")
        .contains("report: " + summarised + " spans summarised into per-stage aggregates "
            + "(report.max.spans=" + BOUND);
  }

  private static JsonNode stage(JsonNode pipeline, String name) {
    for (JsonNode s : pipeline.path("stages")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name + " in " + pipeline);
  }
}
