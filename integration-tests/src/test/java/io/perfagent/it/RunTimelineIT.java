package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.apps.RepeatedRunsApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each run reaches the analyzer with what the machine did while it ran, whatever the metric
 * export interval: a JVM running pipeline {@code repeat} three times under the real perf.jar,
 * its metrics exported only at exit (a 10-minute interval), into the real analyzer. Before the
 * run's top span carried its resource timeline, the first runs had no resource series at all
 * there (their metrics came after they were analysed); now every run has the sampler's points
 * over its own span, and the pipeline's report over its runs has them too.
 */
class RunTimelineIT {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void everyRunCarriesItsResourceTimelineToTheAnalyzer() throws Exception {
    Path db = ItPaths.workDir("RunTimelineIT").resolve("history.db");
    Files.deleteIfExists(db);
    try (AnalyzerProcess analyzer = AnalyzerProcess.start("RunTimelineIT-analyzer", db, null,
        "--quiet-period", "500ms")) {
      Map<String, String> env = analyzer.exporterEnv("repeat-batch");
      env.put("OTEL_METRIC_EXPORT_INTERVAL", "600000");
      ChildResult r = ChildJvm.builder(Jdks.current(), "RunTimelineIT")
          .agent(ItPaths.agentJar()).env(env)
          .classpath(ItClasspath.apps()).mainClass(RepeatedRunsApp.class)
          .args("3", "2500", "1500").run();
      assertThat(r.exitCode()).as(r::describe).isZero();

      JsonNode runs = analyzer.awaitJson("/api/pipelines/repeat/runs",
          n -> n.path("total").asInt() == 3, Duration.ofSeconds(60));
      for (JsonNode summary : runs.path("runs")) {
        JsonNode run = analyzer.getJson("/api/runs/" + summary.path("id").asText());
        long start = run.path("start_epoch_ns").asLong();
        long end = run.path("end_epoch_ns").asLong();
        JsonNode series = run.path("report").path("resources").path("series");
        JsonNode host = named(series, "system.cpu.utilization");
        JsonNode process = named(series, "process.cpu.utilization");
        assertThat(host).as("run at %s: %s", run.path("start"), series).isNotNull();
        assertThat(process).as("run at %s: %s", run.path("start"), series).isNotNull();
        // a 2.5 s run at the sampler's 1 s step: the ticks over it, none from other runs
        assertThat(process.path("count").asInt()).isBetween(2, 5);
        for (JsonNode p : process.path("points")) {
          assertThat(p.get(0).asLong()).as("a point of the run's own ticks")
              .isBetween(start, end + 2 * SECOND);
        }
        // one thread spun on CPU all through the run
        assertThat(process.path("mean").asDouble()).as("%s", process).isGreaterThan(0.1);
      }

      JsonNode report = analyzer.getJson("/api/pipelines/repeat/report");
      JsonNode all = named(report.path("resources").path("series"), "process.cpu.utilization");
      assertThat(all).as("the pipeline's report over its runs").isNotNull();
      assertThat(all.path("count").asInt()).isGreaterThanOrEqualTo(6);
    }
  }

  private static JsonNode named(JsonNode series, String name) {
    for (JsonNode s : series) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
