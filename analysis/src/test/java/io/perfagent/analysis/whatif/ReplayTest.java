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
}
