package io.perfagent.analysis.whatif;

import static io.perfagent.analysis.TestSpans.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.path.AnalyzedRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

  private static long predictMs(TestSpans t, String stage, double factor) {
    return Replay.predictWallNanos(t.run().tree(), stage, factor) / MS;
  }

  private static TestSpans sequential() {
    return TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "read", 0, 30).span("b", "r", "score", 30, 80)
        .span("c", "r", "write", 85, 95);
  }

  @Test
  void nothingSpedUpReproducesTheRun() {
    assertThat(predictMs(sequential(), "absent", 2)).isEqualTo(100);
    assertThat(predictMs(sequential(), "score", 1)).isEqualTo(100);
  }

  @Test
  void sequentialStageGainsHalfItsTime() {
    assertThat(predictMs(sequential(), "score", 2)).isEqualTo(75);
    assertThat(predictMs(sequential(), "read", 2)).isEqualTo(85);
  }

  @Test
  void parallelBranchesGainOnlyDownToTheNextBranch() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "slow", 0, 100).span("b", "r", "fast", 0, 60);
    assertThat(predictMs(t, "slow", 2)).isEqualTo(60); // 50 of 100 limited by the 60 branch
    assertThat(predictMs(t, "slow", 10)).isEqualTo(60);
    assertThat(predictMs(t, "fast", 2)).isEqualTo(100); // off the critical path: nothing
  }

  @Test
  void offCriticalPathStageBuysNothing() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "main", 0, 100).span("s", "r", "side", 10, 40);
    assertThat(predictMs(t, "side", 2)).isEqualTo(100);
  }

  @Test
  void nestedSpeedupShiftsLaterSiblingsAtEveryLevel() {
    // r: [a: a1 20-50, gap, a2 60-80] then b 90-100; halving p (a1, a2) saves 15 + 10
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "agg", 10, 85).span("a1", "a", "p", 20, 50)
        .span("a2", "a", "p", 60, 80).span("b", "r", "write", 90, 100);
    assertThat(predictMs(t, "p", 2)).isEqualTo(75);
    // halving agg's own time (10 + 10 + 5 of gaps) saves 12.5
    assertThat(Replay.predictWallNanos(t.run().tree(), "agg", 2)).isEqualTo(87_500_000L);
  }

  @Test
  void parentOwnTimeScalesWhenTheParentIsTheTarget() {
    assertThat(predictMs(sequential(), "run", 2)).isEqualTo(95); // gaps 80-85 and 95-100
  }

  @Test
  void foldedStageShrinksItsShareOfTheParentGap() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100);
    t.add(t.builder("e", "r", "enrichAll", 0, 80)
        .addFolded(TestSpans.fold("enrich", 1000, 60, 0, 0, 1)).build());
    // enrichAll's 80 ms of own time: 60 ms of folded enrich calls; 2x saves 30
    assertThat(predictMs(t, "enrich", 2)).isEqualTo(70);
  }

  @Test
  void whatIfOverRunsUsesTheMedians() {
    List<AnalyzedRun> runs = List.of(
        TestSpans.trace("1").span("r", "", "run", 0, 100).span("s", "r", "score", 0, 50).run(),
        TestSpans.trace("2").span("r", "", "run", 0, 200).span("s", "r", "score", 0, 100).run(),
        TestSpans.trace("3").span("r", "", "run", 0, 300).span("s", "r", "score", 0, 150).run());
    WhatIf w = WhatIfAnalyzer.predict(runs, "score", 2);
    assertThat(w.wallNanos()).isEqualTo(200 * MS);
    assertThat(w.predictedWallNanos()).isEqualTo(150 * MS);
    assertThat(w.predictedGainNanos()).isEqualTo(50 * MS);
    assertThat(w.gainShare()).isEqualTo(0.25);
  }

  @Test
  void rejectsNonPositiveFactors() {
    assertThatThrownBy(() -> predictMs(sequential(), "score", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A fan-out to 100,000 virtual threads, as the agent reports it: the root's own thread, 64
   * task calls that stayed spans, 32 threads' folds kept apart (branches) and the rest summed
   * over many threads. The stage has 33 aggregates under the root; its summed calls are in the
   * root's gaps once. (Counted once per aggregate, the root's own time went negative: "2x
   * faster" predicted the run at 1.06 s of 676 ms for the root and -42 ms for the task.)
   */
  @Test
  void aStageFoldedOnManyThreadsCountsOnceInItsParentsGaps() {
    long us = 1_000;
    java.util.List<io.perfagent.analysis.model.StageSpan> spans = new java.util.ArrayList<>();
    io.perfagent.analysis.model.StageSpan.Builder root =
        io.perfagent.analysis.model.StageSpan.builder().traceId("t").spanId("r")
            .parentSpanId("").stage("root").pipeline("p").thread("main", 1)
            .interval(0, 676 * MS);
    for (int i = 0; i < 32; i++) {
      long s = 44 * MS + i * 60 * us;
      root.addFolded(new io.perfagent.analysis.model.FoldedAggregate("task", 1, 0, 2_500, -1,
          0, 0, 0, 2_500, 2_500, 2_500, "", 0, null, 1_000 + i, s, s + 3 * us));
    }
    root.addFolded(new io.perfagent.analysis.model.FoldedAggregate("task", 99_900, 0, 44 * MS,
        -1, 0, 0, 0, 400, 1_300, 27 * us, "", 0, null,
        io.perfagent.analysis.model.FoldedAggregate.OTHER_THREADS, 45 * MS, 670 * MS));
    spans.add(root.build());
    for (int i = 0; i < 64; i++) {
      long s = 34 * MS + i * 150 * us;
      spans.add(io.perfagent.analysis.model.StageSpan.builder().traceId("t").spanId("k" + i)
          .parentSpanId("r").stage("task").thread("", 500 + i).interval(s, s + 3 * us).build());
    }
    var tree = AnalyzedRun.of(io.perfagent.analysis.model.Trace.assemble(spans).get(0)).tree();
    // the root's own time: 675.7 ms of gaps, 43.8 ms of them the summed task calls (44 ms,
    // less the 64 calls that stayed spans); halved, 316 ms of 676 go
    assertThat(Replay.predictWallNanos(tree, "root", 2) / (double) MS).isBetween(359.0, 361.0);
    // the task calls in the gaps, halved: 21.9 ms go
    assertThat(Replay.predictWallNanos(tree, "task", 2) / (double) MS).isBetween(653.0, 655.0);
  }
}
