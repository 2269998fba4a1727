package io.perfagent.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.bootstrap.FoldAccumulator;
import org.junit.jupiter.api.Test;

/** What a fold's summary says: estimates, buckets, merging. */
class FoldSummaryTest {

  private static final EpochClock CLOCK = new EpochClock();

  /** A parent of a few calls often has none timed: they take the stage's mean timed call. */
  @Test
  void aFoldWithNoTimedCallTakesTheStagesMeanCall() {
    FoldAccumulator acc = new FoldAccumulator();
    acc.calls = 10;
    FoldSummary s = FoldSummary.of(acc, 250.0, 1, CLOCK);
    assertThat(s.wallNanos).isEqualTo(2500);
    assertThat(s.timedCalls).isZero();
    assertThat(s.bucketNanos).isEmpty();
  }

  /** Buckets are scaled from the timed calls to all folded calls, and merge by value. */
  @Test
  void bucketsCountEveryFoldedCallAndMerge() {
    FoldAccumulator a = new FoldAccumulator();
    a.calls = 640;
    a.timedCalls = 10;
    for (int i = 0; i < 10; i++) {
      a.timedWallNanos += 100;
      a.wall.record(100);
    }
    FoldAccumulator b = new FoldAccumulator();
    b.calls = 64;
    b.timedCalls = 1;
    b.timedWallNanos = 300;
    b.wall.record(300);
    FoldSummary sa = FoldSummary.of(a, 0, 1, CLOCK);
    FoldSummary sb = FoldSummary.of(b, 0, 1, CLOCK);
    assertThat(sa.bucketCounts).containsExactly(640);
    FoldSummary m = sa.merge(sb);
    assertThat(m.bucketNanos).containsExactly(100, 300);
    assertThat(m.bucketCounts).containsExactly(640, 64);
    assertThat(m.calls).isEqualTo(704);
    assertThat(m.p50Nanos).isEqualTo(100);
    assertThat(m.p99Nanos).isEqualTo(300);
    assertThat(m.wallNanos).isEqualTo(640 * 100 + 64 * 300);
  }
}
