package io.perfagent.analysis.stats;

import static io.perfagent.analysis.TestSpans.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.path.AnalyzedRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageStatsCalculatorTest {

  private static StageStats stage(List<StageStats> all, String name) {
    return all.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void selfTimeIsWallMinusTheUnionOfChildrenClampedToTheParent() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100);
    t.span("a", "r", "x", 10, 40);
    t.add(t.builder("b", "r", "x", 30, 60).thread("w", 2).build()); // overlaps a
    t.span("e", "r", "x", -10, 5); // clamped to 0-5
    t.span("f", "r", "async", 90, 130); // outlived: not counted
    StageStats run = stage(StageStatsCalculator.compute(List.of(t.run())), "run");
    assertThat(run.wallNanos()).isEqualTo(100 * MS);
    assertThat(run.selfNanos()).isEqualTo((100 - 50 - 5) * MS);
  }

  @Test
  void countsTotalsPercentilesAndCriticalPathShare() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100);
    for (int i = 0; i < 4; i++) {
      t.add(t.builder("s" + i, "r", "score", i * 20L, i * 20L + 10 + i * 4)
          .records(10).bytes(100).allocBytes(1000).build());
    }
    t.add(t.builder("x", "r", "bad", 96, 98).error("java.io.IOException").build());
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    StageStats s = stage(all, "score");
    assertThat(s.calls()).isEqualTo(4);
    assertThat(s.wallNanos()).isEqualTo((10 + 14 + 18 + 22) * MS);
    assertThat(s.records()).isEqualTo(40);
    assertThat(s.bytes()).isEqualTo(400);
    assertThat(s.allocBytes()).isEqualTo(4000);
    assertThat(s.p50Nanos()).isEqualTo(14 * MS);
    assertThat(s.p95Nanos()).isEqualTo(22 * MS);
    assertThat(s.maxNanos()).isEqualTo(22 * MS);
    assertThat(s.criticalPathNanos()).isEqualTo(64 * MS);
    assertThat(s.criticalPathShare()).isCloseTo(0.64, within(1e-9));
    assertThat(s.throughputPerSec()).isCloseTo(40 / 0.064, within(1e-6));
    assertThat(s.cpuNanos()).isEqualTo(-1); // no call measured CPU
    assertThat(s.criticalPathCpuRatio()).isEqualTo(-1);
    assertThat(stage(all, "bad").errors()).isEqualTo(1);
    assertThat(stage(all, "run").criticalPathNanos()).isEqualTo(34 * MS);
    // stages in pipeline order
    assertThat(all).extracting(StageStats::name).containsExactly("run", "score", "bad");
  }

  @Test
  void foldedAggregatesCountOnceWithTheirSpansAndShareTheParentsPathTime() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100);
    // 1002 enrich calls under r: 2 became spans (5 ms each), the aggregate covers all of them
    t.add(t.builder("r2", "r", "enrichAll", 0, 80).addFolded(
        new FoldedAggregate("enrich", 1002, 3, 60 * MS, 60 * MS, 5000, 1000, 0,
            MS / 20, MS / 10, 5 * MS)).build());
    t.span("e1", "r2", "enrich", 0, 5).span("e2", "r2", "enrich", 10, 15);
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    StageStats e = stage(all, "enrich");
    assertThat(e.calls()).isEqualTo(1002);
    assertThat(e.errors()).isEqualTo(3);
    assertThat(e.wallNanos()).isEqualTo(60 * MS);
    assertThat(e.folded()).isTrue();
    assertThat(e.maxNanos()).isEqualTo(5 * MS);
    assertThat(e.p50Nanos()).isBetween(MS / 20, MS / 10);
    assertThat(e.p95Nanos()).isEqualTo(MS / 10); // folded p95 is bounded by their p99
    // 10 folded calls at the max plus the 2 slow spans are over 1 % of the calls
    assertThat(e.p99Nanos()).isEqualTo(5 * MS);
    StageStats parent = stage(all, "enrichAll");
    // own gap 70 ms, of which 50 ms folded enrich not already in spans
    assertThat(parent.selfNanos()).isEqualTo(20 * MS);
    // on the path: e1, e2 (10 ms) + 50/70 of enrichAll's 70 ms of gaps
    assertThat(e.criticalPathNanos()).isEqualTo(60 * MS);
    assertThat(parent.criticalPathNanos()).isEqualTo(20 * MS);
  }

  @Test
  void selfCpuSubtractsChildrenOnTheSameThreadOnly() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 100).cpuNanos(90 * MS, true).build());
    t.add(t.builder("a", "r", "same", 0, 50).cpuNanos(50 * MS, true).build());
    t.add(t.builder("b", "r", "other", 50, 90).thread("w", 7).cpuNanos(4 * MS, true).build());
    List<StageStats> all = StageStatsCalculator.compute(List.of(t.run()));
    StageStats run = stage(all, "run");
    assertThat(run.selfCpuNanos()).isEqualTo(40 * MS);
    assertThat(run.cpuExact()).isTrue();
    assertThat(stage(all, "other").criticalPathCpuRatio()).isCloseTo(0.1, within(1e-9));
    assertThat(stage(all, "other").threads()).isEqualTo(1);
  }

  @Test
  void manyRunsSumTotalsAndShareOverSummedWall() {
    List<AnalyzedRun> runs = List.of(
        TestSpans.trace("1", "p", 0).span("r", "", "run", 0, 100).span("s", "r", "score", 0, 50).run(),
        TestSpans.trace("2", "p", 1000).span("r", "", "run", 0, 300).span("s", "r", "score", 0, 250).run());
    StageStats s = stage(StageStatsCalculator.compute(runs), "score");
    assertThat(s.calls()).isEqualTo(2);
    assertThat(s.wallNanos()).isEqualTo(300 * MS);
    assertThat(s.criticalPathShare()).isCloseTo(300.0 / 400, within(1e-9));
  }
}
