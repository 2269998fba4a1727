package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.apps.KnownTruthApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded analysis on a pipeline of known truth ({@link KnownTruthApp}) under the real
 * perf.jar: report.json ranks, kinds, shares and counts; and the what-if predictions checked
 * against real re-runs with the stage's work genuinely halved (agreement within 10 % of the
 * measured gain or 30 ms, whichever is larger: each variant runs three times in a JVM of its
 * own, and on this shared machine a variant's median moved by up to 25 ms from one launch to
 * the next, sleeps included). The figures are printed for the record.
 */
class AnalysisReportIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode baseline;
  private static ChildResult baselineRun;

  @BeforeAll
  static void runBaseline() throws IOException {
    baselineRun = run("baseline");
    baseline = pipeline(report("baseline"));
  }

  private static ChildResult run(String name, String... args) {
    ChildResult r = ChildJvm.builder(Jdks.current(), "AnalysisReportIT-" + name)
        .agent(ItPaths.agentJar())
        .classpath(ItClasspath.apps())
        .mainClass(KnownTruthApp.class)
        .args(args)
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdoutText()).as(r.describe()).contains("DONE");
    return r;
  }

  private static JsonNode report(String name) throws IOException {
    Path file = ItPaths.workDir("AnalysisReportIT-" + name).resolve("perf-report/report.json");
    assertThat(file).exists();
    return JSON.readTree(Files.readString(file));
  }

  private static JsonNode pipeline(JsonNode report) {
    assertThat(report.path("schema").asText()).isEqualTo("perf-report/1");
    for (JsonNode p : report.path("pipelines")) {
      if (p.path("name").asText().equals("truth")) {
        return p;
      }
    }
    throw new AssertionError("no pipeline 'truth' in " + report);
  }

  private static JsonNode stage(JsonNode pipeline, String name) {
    for (JsonNode s : pipeline.path("stages")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name);
  }

  @Test
  void countsAndRunsAreExact() {
    assertThat(baseline.path("runs").asInt()).isEqualTo(3);
    assertThat(stage(baseline, "run").path("calls").asLong()).isEqualTo(3);
    assertThat(stage(baseline, "part").path("calls").asLong()).isEqualTo(9);
    assertThat(stage(baseline, "transform").path("calls").asLong()).isEqualTo(3);
    assertThat(stage(baseline, "audit").path("calls").asLong()).isEqualTo(3);
    // median run: 100 + 300 + 450 + 80 ms of work, plus scheduling
    assertThat(baseline.path("wall_ns").asLong() / 1e6).isBetween(930.0, 1300.0);
  }

  @Test
  void bottlenecksAreRankedWithTheirKinds() {
    List<String> ranked = new ArrayList<>();
    for (JsonNode b : baseline.path("bottlenecks")) {
      ranked.add(b.path("stage").asText() + ":" + b.path("kind").asText());
    }
    assertThat(ranked).as("bottlenecks").startsWith("transform:cpu", "part:skew");
    assertThat(ranked).contains("load:wait");
    assertThat(ranked).noneMatch(s -> s.startsWith("audit:"));
    JsonNode transform = baseline.path("bottlenecks").get(0);
    assertThat(transform.path("critical_path_share").asDouble()).isBetween(0.35, 0.5);
    assertThat(transform.path("evidence").asText()).isNotBlank();
    JsonNode part = baseline.path("bottlenecks").get(1);
    // 300 ms against 120 ms of sleep: 2.5x, give or take a late wake-up on a busy machine
    assertThat(part.path("numbers").path("ratio").asDouble()).isBetween(2.3, 2.8);
    assertThat(part.path("evidence").asText())
        .contains(String.format(java.util.Locale.ROOT, "%.1fx",
            part.path("numbers").path("ratio").asDouble()));
  }

  @Test
  void criticalPathLeavesTheSideTaskOut() {
    assertThat(stage(baseline, "audit").path("critical_path_ns").asLong()).isZero();
    assertThat(stage(baseline, "transform").path("critical_path_share").asDouble())
        .isCloseTo(1350.0 / (3 * baseline.path("wall_ns").asLong() / 1e6), within(0.06));
    long pathTotal = 0;
    for (JsonNode seg : baseline.path("critical_path")) {
      pathTotal += seg.path("duration_ns").asLong();
    }
    assertThat(pathTotal).as("the slowest run's critical path covers its whole wall time")
        .isGreaterThanOrEqualTo(baseline.path("wall_ns").asLong());
  }

  @Test
  void reportFilesAndTheTextReportAreThere() {
    Path dir = ItPaths.workDir("AnalysisReportIT-baseline").resolve("perf-report");
    assertThat(dir.resolve("index.html")).exists();
    String stderr = baselineRun.stderr();
    int bottleneckLine = stderr.indexOf("1. transform");
    assertThat(bottleneckLine).as(stderr).isPositive();
    assertThat(stderr.indexOf("stage ", bottleneckLine)).as("the stage table comes after")
        .isGreaterThan(bottleneckLine);
    assertThat(stderr).contains("report written to");
  }

  @Test
  void aReportThatCannotBeWrittenGetsOneLineAndTheAppRunsOn() throws IOException {
    Path blocker = ItPaths.workDir("AnalysisReportIT-unwritable").resolve("not-a-dir");
    Files.createDirectories(blocker.getParent());
    Files.writeString(blocker, "a file where the report directory should go");
    ChildResult r = ChildJvm.builder(Jdks.current(), "AnalysisReportIT-unwritable")
        .agent(ItPaths.agentJar(), "report.dir=" + blocker.resolve("perf-report"))
        .classpath(ItClasspath.apps())
        .mainClass(KnownTruthApp.class)
        .args("--runs", "1")
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdoutText()).as(r.describe()).contains("DONE");
    assertThat(r.perfAgentLines().stream().filter(l -> l.contains("could not write the report")))
        .as(r.describe()).hasSize(1);
    assertThat(r.stackTraceLines()).as(r.describe()).isEmpty();
    assertThat(r.stderr()).as("the text report still comes out").contains("1. transform");
  }

  @Test
  void whatIfPredictionsMatchRealReRuns() throws IOException {
    long baselineWall = baseline.path("wall_ns").asLong();
    StringBuilder record = new StringBuilder("what-if validation (median of 3 runs each):\n");
    List<String> checked = new ArrayList<>();
    for (JsonNode w : baseline.path("what_if")) {
      String stage = w.path("stage").asText();
      if (w.path("speedup").asDouble() != 2.0 || checked.contains(stage)) {
        continue;
      }
      checked.add(stage);
      long predictedGain = w.path("predicted_gain_ns").asLong();
      run("halve-" + stage, "--halve", stage);
      long measuredWall = pipeline(report("halve-" + stage)).path("wall_ns").asLong();
      long measuredGain = baselineWall - measuredWall;
      double tolerance = Math.max(0.10 * Math.abs(measuredGain), 30e6);
      record.append(String.format("  %-10s predicted gain %6.1f ms, measured %6.1f ms "
              + "(baseline %.1f ms -> %.1f ms), tolerance %.1f ms%n", stage, predictedGain / 1e6,
          measuredGain / 1e6, baselineWall / 1e6, measuredWall / 1e6, tolerance / 1e6));
      assertThat((double) Math.abs(predictedGain - measuredGain))
          .as("%s: predicted %d ns, measured %d ns", stage, predictedGain, measuredGain)
          .isLessThanOrEqualTo(tolerance);
    }
    System.out.print(record);
    Files.writeString(ItPaths.childLogs().resolve("AnalysisReportIT-whatif.txt"), record);
    assertThat(checked).contains("transform", "part");
  }
}
