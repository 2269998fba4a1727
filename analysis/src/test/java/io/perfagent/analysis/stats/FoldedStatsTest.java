package io.perfagent.analysis.stats;

import static io.perfagent.analysis.TestSpans.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.LatencyBuckets;
import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.whatif.WhatIf;
import io.perfagent.analysis.whatif.WhatIfAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folded stages in the statistics: nesting, buckets, the subtree of a stage. */
class FoldedStatsTest {

  private static StageStats stage(List<StageStats> all, String name) {
    return all.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static FoldedAggregate fold(String stage, long calls, long wallMs, String within) {
    return new FoldedAggregate(stage, calls, 0, wallMs * MS, -1, -1, 0, 0, 0, 0, 0, within,
        calls, LatencyBuckets.EMPTY, -1, 0, 0);
  }

  /**
   * outer (200 ms) calls inner twice per call (180 ms of it), all folded under one parent of
   * 210 ms: outer's self time is 20 ms, not 200, and the path goes to inner.
   */
  @Test
  void aFoldWithinAnotherIsNotCountedTwice() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 210).cpuNanos(210 * MS, true)
        .addFolded(fold("outer", 1000, 200, ""))
        .addFolded(fold("inner", 2000, 180, "outer")).build());
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    StageStats outer = stage(all, "outer");
    StageStats inner = stage(all, "inner");
    StageStats run = stage(all, "run");
    assertThat(outer.wallNanos()).isEqualTo(200 * MS);
    assertThat(outer.selfNanos()).isEqualTo(20 * MS);
    assertThat(inner.selfNanos()).isEqualTo(180 * MS);
    assertThat(run.selfNanos()).isEqualTo(10 * MS);
    assertThat(inner.criticalPathNanos()).isEqualTo(180 * MS);
    assertThat(outer.criticalPathNanos()).isEqualTo(20 * MS);
    assertThat(outer.inclusivePathNanos()).isEqualTo(200 * MS);
    long selfSum = all.stream().mapToLong(StageStats::selfNanos).sum();
    assertThat(selfSum).as("self times add up to the run").isEqualTo(210 * MS);
    // CPU of the folds is not known: the parent's measured ratio stands in, and says so
    assertThat(inner.criticalPathCpuRatio()).isCloseTo(1.0, within(1e-9));
    assertThat(inner.cpuRatioFromParent()).isTrue();
  }

  /**
   * A stage called once directly under the parent (a span) and 2,000 times folded within
   * another folded stage there: 2,001 calls. The report dropped the direct call (the parent
   * "folded the stage", though only within another). An exemplar span of the nested fold is
   * in the fold's count already and is not counted again.
   */
  @Test
  void aDirectCallOfAStageFoldedOnlyWithinAnotherCountsOnItsOwn() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 210)
        .addFolded(fold("outer", 1000, 150, ""))
        .addFolded(fold("inner", 2000, 100, "outer")).build());
    t.add(t.builder("d", "r", "inner", 160, 170).build());
    t.add(t.builder("x", "r", "inner", 20, 21).exemplar(true).build());
    StageStats inner = stage(StageStatsCalculator.compute(List.of(t.run())), "inner");
    assertThat(inner.calls()).isEqualTo(2001);
  }

  /**
   * One busy thread, half its time off a core (a loaded machine): a parent whose per-record
   * calls' CPU was not measured shares its CPU with them at one rate. All of it went to the
   * parent's own 20 ms before, which read as the parent on CPU and its calls waiting.
   */
  @Test
  void unmeasuredFoldsOnTheParentsThreadShareItsCpuAtItsRate() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 100).cpuNanos(50 * MS, true)
        .addFolded(fold("score", 10_000, 80, "")).build());
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    StageStats run = stage(all, "run");
    StageStats score = stage(all, "score");
    assertThat(run.selfNanos()).isEqualTo(20 * MS);
    assertThat(run.selfCpuNanos()).isEqualTo(10 * MS);
    assertThat(run.criticalPathCpuRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(score.criticalPathCpuRatio()).isCloseTo(0.5, within(1e-9));
  }

  /**
   * Calls summed over many other threads (virtual threads: the JVM reads no CPU time for
   * them) did not share the parent's thread: its CPU says nothing about them, so their kind
   * is not known rather than the parent's "off CPU" (it read as "wait" before), and the stage
   * is counted once in the parent's gaps however many aggregates it has there.
   */
  @Test
  void callsSummedOverOtherThreadsDoNotTakeTheParentsCpu() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 100).cpuNanos(20 * MS, true)
        .addFolded(new FoldedAggregate("task", 90_000, 0, 40 * MS, -1, -1, 0, 0, 0, 0, 0, "",
            0, LatencyBuckets.EMPTY, FoldedAggregate.OTHER_THREADS, 5 * MS, 95 * MS))
        .addFolded(new FoldedAggregate("task", 1_000, 0, 10 * MS, -1, -1, 0, 0, 0, 0, 0, "",
            0, LatencyBuckets.EMPTY, 1, 0, 100 * MS))
        .build());
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    StageStats task = stage(all, "task");
    assertThat(task.criticalPathNanos()).isEqualTo(50 * MS);
    assertThat(stage(all, "run").selfNanos()).isEqualTo(50 * MS);
    // the parent's own thread's part takes its ratio (0.2 over its own time, less the fold's)
    assertThat(task.cpuRatioFromParent()).isTrue();
    assertThat(task.criticalPathCpuRatio()).as("only the parent-thread fold's 10 ms has a ratio")
        .isGreaterThanOrEqualTo(0);

    TestSpans only = TestSpans.trace("u");
    only.add(only.builder("r", "", "run", 0, 100).cpuNanos(20 * MS, true)
        .addFolded(new FoldedAggregate("task", 90_000, 0, 40 * MS, -1, -1, 0, 0, 0, 0, 0, "",
            0, LatencyBuckets.EMPTY, FoldedAggregate.OTHER_THREADS, 5 * MS, 95 * MS))
        .build());
    StageStats summed = stage(StageStatsCalculator.compute(List.of(only.run())), "task");
    assertThat(summed.criticalPathNanos()).isEqualTo(40 * MS);
    assertThat(summed.criticalPathCpuRatio()).isEqualTo(-1);
    assertThat(summed.cpuRatioFromParent()).isFalse();
  }

  /**
   * A fold under one of an AUTO stage's early calls (a span whose stage also folded under
   * the same parent later): counted, and the report does not fail on it.
   */
  @Test
  void aFoldUnderAnEarlyAutoSpanIsCounted() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 100)
        .addFolded(fold("item", 1000, 90, "")).build());
    t.add(t.builder("i1", "r", "item", 0, 5).addFolded(fold("field", 50, 4, "")).build());
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    assertThat(stage(all, "field").calls()).isEqualTo(50);
    assertThat(stage(all, "item").calls()).isEqualTo(1000);
  }

  /** Percentiles of a folded stage come from its buckets, scaled to all of its calls. */
  @Test
  void percentilesComeFromTheBuckets() {
    LatencyBuckets b = LatencyBuckets.of(new long[] {100, 200, 300, 5000},
        new long[] {500, 300, 150, 50});
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 100).addFolded(new FoldedAggregate("rec", 1000, 0,
        MS, -1, -1, 0, 0, 999, 999, 5000, "", 16, b, -1, 0, 0)).build());
    StageStats rec = stage(StageStatsCalculator.compute(List.of(t.run())), "rec");
    assertThat(rec.p50Nanos()).isEqualTo(100);
    assertThat(rec.p95Nanos()).isEqualTo(300);
    assertThat(rec.p99Nanos()).isEqualTo(5000);
    assertThat(rec.timedCalls()).isEqualTo(16);
    long counted = rec.histogram().stream().mapToLong(HistogramBin::count).sum();
    assertThat(counted).isEqualTo(1000);
    assertThat(rec.histogram()).allSatisfy(h -> assertThat(h.leNanos()).isPositive());
    assertThat(rec.histogram().get(0).leNanos()).isEqualTo(100);
  }

  /**
   * transform's whole time is its folded child rate: its own time is off the path, but as a
   * whole it holds the run; the subtree what-if says what halving it buys.
   */
  @Test
  void aStageWhoseTimeIsItsChildIsOnThePathThroughIt() {
    TestSpans t = TestSpans.trace("t");
    t.span("r", "", "job", 0, 400);
    t.span("l", "r", "load", 0, 100);
    t.add(t.builder("x", "r", "transform", 100, 400)
        .addFolded(fold("rate", 2_000_000, 300, "")).build());
    AnalyzedRun run = t.run();
    List<StageStats> all = StageStatsCalculator.compute(List.of(run));
    StageStats transform = stage(all, "transform");
    assertThat(transform.criticalPathShare()).isZero();
    assertThat(transform.inclusivePathShare()).isCloseTo(0.75, within(1e-9));
    WhatIf whole = WhatIfAnalyzer.predict(List.of(run), "transform", 2, true);
    assertThat(whole.predictedGainNanos()).isEqualTo(150 * MS);
    assertThat(whole.including()).containsExactly("rate");
    WhatIf own = WhatIfAnalyzer.predict(List.of(run), "transform", 2);
    assertThat(own.predictedGainNanos()).isZero();
    assertThat(WhatIfAnalyzer.predict(List.of(run), "rate", 2).predictedGainNanos())
        .isEqualTo(150 * MS);
  }

  private static FoldedAggregate onThread(String stage, long calls, long wallMs, long thread,
      long fromMs, long toMs) {
    return new FoldedAggregate(stage, calls, 0, wallMs * MS, wallMs * MS, -1, 0, 0, 0, 0, 0, "",
        calls / 64, LatencyBuckets.EMPTY, thread, fromMs * MS, toMs * MS);
  }

  /**
   * A batch hands per-record work to two pool threads and waits for it in join: the path runs
   * through the folded work on the thread that finished last, not through join, and halving
   * that work is predicted to save about half the run.
   */
  @Test
  void foldedWorkOnOtherThreadsHoldsThePathNotTheJoinThatWaitsForIt() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("b", "", "batch", 0, 402).cpuNanos(2 * MS, true)
        .addFolded(onThread("item", 400_000, 395, 2, 2, 398))
        .addFolded(onThread("item", 200_000, 190, 3, 2, 200)).build());
    t.add(t.builder("j", "b", "join", 3, 400).cpuNanos(MS / 2, true).build());
    AnalyzedRun run = t.run();
    List<StageStats> all = StageStatsCalculator.compute(List.of(run));
    StageStats item = stage(all, "item");
    StageStats join = stage(all, "join");
    assertThat(item.calls()).isEqualTo(600_000);
    assertThat(item.criticalPathNanos()).isEqualTo(396 * MS);
    assertThat(join.criticalPathNanos()).isEqualTo(2 * MS);
    assertThat(item.criticalPathCpuRatio()).isCloseTo(1.0, within(1e-9));
    WhatIf half = WhatIfAnalyzer.predict(List.of(run), "item", 2);
    assertThat(half.predictedGainNanos()).isEqualTo(198 * MS);
    assertThat(WhatIfAnalyzer.predict(List.of(run), "join", 2).predictedGainNanos())
        .isEqualTo(MS);
  }

  /** A span that sleeps on its own thread is not taken for a join of unrelated work. */
  @Test
  void aSleepingSiblingThatEndsAtAnotherTimeIsNotAJoin() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("b", "", "batch", 0, 400).cpuNanos(2 * MS, true)
        .addFolded(onThread("item", 100_000, 300, 2, 0, 300)).build());
    t.add(t.builder("s", "b", "sleep", 0, 400).cpuNanos(MS / 2, true).build());
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    assertThat(stage(all, "sleep").criticalPathNanos()).isEqualTo(400 * MS);
    assertThat(stage(all, "item").criticalPathNanos()).isZero();
  }

  /**
   * Work on another thread that begins after a waiting sibling has ended, and ends just after
   * it, is not what it waited for (the critical path once went round in circles on this).
   */
  @Test
  @org.junit.jupiter.api.Timeout(value = 10,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void workThatBeginsAfterTheWaiterEndedIsNotWaitedFor() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("b", "", "batch", 0, 100).cpuNanos(2 * MS, true)
        .addFolded(onThread("item", 1000, 1, 2, 51, 52)).build());
    t.add(t.builder("j", "b", "join", 10, 50).cpuNanos(MS / 10, true).build());
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    assertThat(stage(all, "join").criticalPathNanos()).isEqualTo(40 * MS);
    assertThat(stage(all, "item").criticalPathNanos()).isEqualTo(MS);
  }

  /**
   * An AUTO child's first calls are spans, the rest folded: the parent's own time between
   * them is what halving the parent alone buys.
   */
  @Test
  void theParentsOwnTimeBesideAnAutoChildIsReplayed() {
    TestSpans t = TestSpans.trace("t");
    t.span("r", "", "job", 0, 300);
    t.span("l", "r", "load", 0, 60);
    t.add(t.builder("x", "r", "transform", 60, 260)
        .addFolded(fold("rate", 1_000_000, 166, "")).build());
    for (int i = 0; i < 64; i++) {
      t.add(t.builder("s" + i, "x", "rate", 60, 60).endNanos(60 * MS + (i + 1) * MS / 10)
          .startNanos(60 * MS + i * MS / 10).build());
    }
    t.span("v", "r", "save", 260, 300);
    AnalyzedRun run = t.run();
    StageStats transform = stage(StageStatsCalculator.compute(List.of(run)), "transform");
    assertThat(transform.selfNanos()).isEqualTo(34 * MS); // 200 - 6.4 of spans - (166 - 6.4)
    WhatIf own = WhatIfAnalyzer.predict(List.of(run), "transform", 2);
    assertThat(own.predictedGainNanos()).isEqualTo(17 * MS);
  }

  @Test
  void histogramBinsAreLogSpacedWithoutGaps() {
    WeightedPercentiles p = new WeightedPercentiles();
    p.add(100, 3);
    p.add(1000, 1);
    List<HistogramBin> h = p.histogram();
    assertThat(h).extracting(HistogramBin::leNanos)
        .containsExactly(100L, 178L, 316L, 562L, 1000L);
    assertThat(h).extracting(HistogramBin::count).containsExactly(3L, 0L, 0L, 0L, 1L);
  }
}
