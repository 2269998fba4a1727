package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.apps.FoldedTruthApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-record (folded) shapes of known truth ({@link FoldedTruthApp}) under the real perf.jar,
 * on every JDK found: report.json and the text report must tell the truth about stages called
 * in turn, stages nested in folded stages, a stage whose time is its folded child, and a
 * folded stage whose cost is measured without the agent's hooks in the same JVM. The
 * measured figures are printed for the record (child logs, {@code FoldedTruthIT-*.txt}).
 */
class FoldedTruthIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChildResult run(Jdk jdk, String name, String... args) {
    ChildResult r = ChildJvm.builder(jdk, "FoldedTruthIT-" + name + "-" + jdk.feature())
        .agent(ItPaths.agentJar())
        .classpath(ItClasspath.apps())
        .mainClass(FoldedTruthApp.class)
        .args(args)
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdoutText()).as(r.describe()).contains("DONE");
    assertThat(r.stackTraceLines()).as(r.describe()).isEmpty();
    return r;
  }

  private static JsonNode report(Jdk jdk, String name) throws IOException {
    Path file = ItPaths.workDir("FoldedTruthIT-" + name + "-" + jdk.feature())
        .resolve("perf-report/report.json");
    assertThat(file).exists();
    return JSON.readTree(Files.readString(file));
  }

  private static JsonNode pipeline(Jdk jdk, String name, String pipeline) throws IOException {
    JsonNode report = report(jdk, name);
    for (JsonNode p : report.path("pipelines")) {
      if (p.path("name").asText().equals(pipeline)) {
        return p;
      }
    }
    throw new AssertionError("no pipeline " + pipeline + " in " + report);
  }

  private static JsonNode stage(JsonNode pipeline, String name) {
    for (JsonNode s : pipeline.path("stages")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name + " in " + pipeline);
  }

  /** Prints what a run measured and keeps it beside the child logs. */
  private static void record(Jdk jdk, String run, String text) throws IOException {
    long overhead = report(jdk, run).path("agent").path("timer_overhead_ns").asLong();
    text += "  (timer overhead taken out: " + overhead + " ns per timed call)\n";
    System.out.print(text);
    Files.writeString(ItPaths.childLogs()
        .resolve("FoldedTruthIT-" + run + "-" + jdk.feature() + ".txt"), text);
  }

  private static String line(JsonNode s) {
    return String.format("  %-10s calls %9d timed %6d wall %8.1f ms self %8.1f ms p50 %7d ns "
            + "p95 %7d ns p99 %7d ns path %5.1f %% (with what it calls %5.1f %%)%n",
        s.path("name").asText(), s.path("calls").asLong(), s.path("timed_calls").asLong(),
        s.path("wall_ns").asLong() / 1e6, s.path("self_ns").asLong() / 1e6,
        s.path("p50_ns").asLong(), s.path("p95_ns").asLong(), s.path("p99_ns").asLong(),
        100 * s.path("critical_path_share").asDouble(),
        100 * s.path("inclusive_critical_path_share").asDouble());
  }

  /** parse (100 steps) and enrich (300 steps) called in turn: both timed, in proportion. */
  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void foldedStagesCalledInTurnAreBothTimed(Jdk jdk) throws IOException {
    run(jdk, "turn", "turn");
    JsonNode p = pipeline(jdk, "turn", "turn");
    JsonNode parse = stage(p, "parse");
    JsonNode enrich = stage(p, "enrich");
    record(jdk, "turn", "two folded stages in turn, JDK " + jdk.feature() + "\n"
        + line(parse) + line(enrich));
    for (JsonNode s : List.of(parse, enrich)) {
      assertThat(s.path("calls").asLong()).isEqualTo(FoldedTruthApp.TURN_RECORDS);
      // one in 64 at random: 15,625 expected
      assertThat(s.path("timed_calls").asLong()).isBetween(12_000L, 19_000L);
      assertThat(s.path("p50_ns").asLong()).isPositive();
      assertThat(s.path("critical_path_share").asDouble()).isPositive();
      assertThat(s.path("histogram").size()).isPositive();
    }
    // three times the work: the median call is well apart, whichever way the noise goes
    double ratio = (double) enrich.path("p50_ns").asLong() / parse.path("p50_ns").asLong();
    assertThat(ratio).as("enrich p50 over parse p50").isBetween(1.5, 6.0);
  }

  /** outer calls inner twice: outer's self time excludes inner's, nothing is counted twice. */
  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void nestedFoldedStagesAreNotCountedTwice(Jdk jdk) throws IOException {
    run(jdk, "nested", "nested");
    JsonNode p = pipeline(jdk, "nested", "nested");
    JsonNode outer = stage(p, "outer");
    JsonNode inner = stage(p, "inner");
    JsonNode nest = stage(p, "nest");
    record(jdk, "nested", "folded stages nested, JDK " + jdk.feature() + "\n"
        + line(nest) + line(outer) + line(inner));
    assertThat(outer.path("calls").asLong()).isEqualTo(FoldedTruthApp.NESTED_CALLS);
    assertThat(inner.path("calls").asLong()).isEqualTo(2L * FoldedTruthApp.NESTED_CALLS);
    long selfSum = 0;
    for (JsonNode s : p.path("stages")) {
      selfSum += s.path("self_ns").asLong();
    }
    assertThat(selfSum).as("self times add up to at most the run")
        .isLessThanOrEqualTo(p.path("wall_ns").asLong() * 102 / 100);
    // outer does 5 steps itself against inner's 2 x 80: most of its time is inner's
    assertThat(outer.path("self_ns").asLong()).isLessThan(outer.path("wall_ns").asLong() / 2);
    assertThat(inner.path("critical_path_share").asDouble())
        .isGreaterThan(outer.path("critical_path_share").asDouble());
    assertThat(outer.path("inclusive_critical_path_share").asDouble())
        .isGreaterThanOrEqualTo(inner.path("critical_path_share").asDouble());
  }

  /**
   * transform's whole time is its folded child rate: it must not be called "off the critical
   * path", and halving it as a whole is predicted as real runs with its work halved measure
   * (alternated with the others in the same JVM, so a busy machine slows both alike).
   */
  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void aStageWhoseTimeIsItsChildIsJudgedWithIt(Jdk jdk) throws IOException {
    ChildResult base = run(jdk, "subtree", "subtree");
    JsonNode p = pipeline(jdk, "subtree", "subtree");
    JsonNode transform = stage(p, "transform");
    JsonNode rate = stage(p, "rate");
    assertThat(rate.path("calls").asLong())
        .isEqualTo((long) FoldedTruthApp.SUBTREE_RUNS * FoldedTruthApp.RATE_CALLS);
    assertThat(transform.path("inclusive_critical_path_share").asDouble()).isGreaterThan(0.5);
    for (JsonNode r : p.path("recommendations")) {
      assertThat(r.path("text").asText()).as("recommendation")
          .doesNotStartWith("Leave transform alone");
    }
    assertThat(base.stderr()).doesNotContain("Leave transform alone");
    JsonNode whole = null;
    for (JsonNode w : p.path("what_if")) {
      if (w.path("stage").asText().equals("transform")
          && w.path("scope").asText().equals("subtree")) {
        whole = w;
      }
    }
    assertThat(whole).as("a subtree what-if for transform in " + p.path("what_if")).isNotNull();
    assertThat(whole.path("including").toString()).contains("rate");
    assertThat(base.stderr()).contains("faster including rate");
    // the runs with half of transform's work alternated with these, in the same JVM
    long measured = p.path("wall_ns").asLong()
        - pipeline(jdk, "subtree", "subtree-halved").path("wall_ns").asLong();
    long predicted = whole.path("predicted_gain_ns").asLong();
    double tolerance = Math.max(0.25 * Math.abs(measured), 30e6);
    record(jdk, "subtree", String.format("a stage whose time is its folded child, "
            + "JDK %d%n%s%s  transform 2x as a whole: predicted gain %.1f ms, measured %.1f ms"
            + " (median run %.1f ms), tolerance %.1f ms%n", jdk.feature(), line(transform),
        line(rate), predicted / 1e6, measured / 1e6, p.path("wall_ns").asLong() / 1e6,
        tolerance / 1e6));
    assertThat((double) Math.abs(predicted - measured)).isLessThanOrEqualTo(tolerance);
  }

  /**
   * A batch hands per-record work to a pool and waits for it in join: the path runs through
   * the folded work on the pool threads, not through join; join is not called a bottleneck.
   */
  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void foldedWorkOnAPoolHoldsThePathNotTheJoin(Jdk jdk) throws IOException {
    ChildResult r = run(jdk, "pool", "pool");
    JsonNode p = pipeline(jdk, "pool", "pool");
    JsonNode item = stage(p, "item");
    JsonNode join = stage(p, "join");
    record(jdk, "pool", "folded work on a pool, joined, JDK " + jdk.feature() + "\n"
        + line(stage(p, "batch")) + line(item) + line(join));
    assertThat(item.path("calls").asLong())
        .isEqualTo((long) FoldedTruthApp.POOL_TASKS * FoldedTruthApp.POOL_ITEMS);
    assertThat(item.path("critical_path_share").asDouble()).isGreaterThan(0.8);
    assertThat(join.path("critical_path_share").asDouble()).isLessThan(0.1);
    assertThat(p.path("bottlenecks").get(0).path("stage").asText()).isEqualTo("item");
    JsonNode halved = null;
    for (JsonNode w : p.path("what_if")) {
      if (w.path("stage").asText().equals("item") && w.path("speedup").asDouble() == 2.0) {
        halved = w;
      }
    }
    assertThat(halved).as("item's what-if in " + p.path("what_if")).isNotNull();
    // the work on the pool is most of the run: halving it must buy a good part of it
    assertThat(halved.path("predicted_gain_share").asDouble()).isGreaterThan(0.3);
    assertThat(r.stderr()).doesNotContain("Leave item alone");
    assertThat(r.stderr()).as("no pool work is taken for fire-and-forget")
        .doesNotContain("still running when their parent ended");
  }

  /**
   * A folded stage whose body costs a known amount (timed without the hooks in the same JVM):
   * its median lands near that cost, because the timer's own cost is calibrated and taken
   * out (without it the median read ~40 % high here). The report states the calibration.
   */
  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void aFoldedStageOfKnownCostIsTimedNearIt(Jdk jdk) throws IOException {
    ChildResult r = run(jdk, "calibrated", "calibrated");
    long before = truth(r.stdoutText(), "TRUTH fixed ");
    long after = truth(r.stdoutText(), "TRUTH-AFTER fixed ");
    long truth = Math.min(before, after); // noise only makes a measurement longer
    JsonNode p = pipeline(jdk, "calibrated", "calibrated");
    JsonNode fixed = stage(p, "fixed");
    long p50 = fixed.path("p50_ns").asLong();
    // the timer calibration's own error: on JDK 25 the p50 sits 10-26 % under the truth run
    // after run (90 ns for 112-113 ns; 94 for 127 twice on 2026-12-07, a quarter then failing
    // on a nanosecond or two); without the calibration it reads ~40 % over
    double tolerance = Math.max(0.3 * truth, 25);
    record(jdk, "calibrated", String.format("a folded stage of known cost, JDK %d:"
            + " truth %d ns (before %d, after %d), p50 %d ns, tolerance %.0f ns%n%s",
        jdk.feature(), truth, before, after, p50, tolerance, line(fixed)));
    assertThat((double) Math.abs(p50 - truth)).isLessThanOrEqualTo(tolerance);
    assertThat(r.stderr()).containsPattern("the timer's own [0-9.]+ ns per timed call");
    JsonNode bottleneck = null;
    for (JsonNode b : p.path("bottlenecks")) {
      if (b.path("stage").asText().equals("fixed")) {
        bottleneck = b;
      }
    }
    assertThat(bottleneck).as("fixed among " + p.path("bottlenecks")).isNotNull();
    // its CPU is estimated from its parent's, which was read exactly: a kind is known
    assertThat(bottleneck.path("kind").asText()).isNotEqualTo("unknown");
    assertThat(bottleneck.path("evidence").asText())
        .contains("estimated from its parent span's CPU");
  }

  private static long truth(List<String> stdout, String prefix) {
    List<String> found = new ArrayList<>();
    for (String l : stdout) {
      if (l.startsWith(prefix)) {
        found.add(l.substring(prefix.length()).trim());
      }
    }
    assertThat(found).as(String.join("\n", stdout)).hasSize(1);
    return Long.parseLong(found.get(0));
  }
}
