package io.perfagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The estimates of folded calls timed one in N, on samples of known shape. */
class FoldAccumulatorTest {

  /** 6400 calls of 50 ns, one in 64 timed; {@code pause} (if > 0) lands in one timed call. */
  private static FoldAccumulator calls(long pause) {
    FoldAccumulator acc = new FoldAccumulator();
    for (int i = 0; i < 6400; i++) {
      acc.count(1, 0, null);
      if (i % 64 == 0) {
        long wall = i == 64 && pause > 0 ? pause : 50;
        acc.time(1_000, 1_000 + wall, 0, 0, 1, 0, null, 0);
      }
    }
    return acc;
  }

  @Test
  void uniformCallsScaleToTheTotal() {
    FoldAccumulator acc = calls(0);
    assertThat(acc.timedCalls).isEqualTo(100);
    // buckets of one significant digit: within 10 % of the true 320 µs
    assertThat((double) acc.estimateWall()).isCloseTo(6400 * 50, within(32_000.0));
    assertThat(acc.wallErrorNanos()).isLessThan(32_000);
  }

  @Test
  void aPauseInOneTimedCallIsCountedOnceNotSixtyFourTimes() {
    long pause = 30_000_000; // a 30 ms GC pause that happened to land in a timed call
    FoldAccumulator acc = calls(pause);
    // true total: 6399 calls of 50 ns plus the pause; scaling it by 64 would say ~1.9 s
    assertThat((double) acc.estimateWall())
        .isCloseTo(6399 * 50 + pause, within(0.05 * (6399 * 50 + pause)));
  }

  @Test
  void theEstimateNeverExceedsTheParentsWallTime() {
    FoldAccumulator acc = calls(0);
    acc.windowNanos = 100_000; // the parent lasted 100 µs
    assertThat(acc.estimateWall()).isLessThanOrEqualTo(100_000);
    assertThat(acc.wallErrorNanos()).isLessThanOrEqualTo(100_000);
    // with 30 µs of the same stage's calls that became spans, 70 µs are left for the rest
    acc.spanWallNanos = 30_000;
    assertThat(acc.estimateWall() + acc.spanWallNanos).isLessThanOrEqualTo(100_000);
  }

  @Test
  void timingEveryCallIsExact() {
    FoldAccumulator acc = new FoldAccumulator();
    for (int i = 0; i < 10; i++) {
      acc.count(0, 0, null);
      acc.time(0, 70 + i, 0, 0, 0, 0, null, 0);
    }
    assertThat(acc.estimateWall()).isEqualTo(acc.timedWallNanos).isEqualTo(745);
    assertThat(acc.wallErrorNanos()).isZero();
  }

  /** A fold of counts alone goes through a record's longs and comes back whole. */
  @Test
  void aCountsOnlyFoldTravelsInItsRecord() {
    FoldAccumulator acc = new FoldAccumulator();
    acc.stageId = 7;
    acc.withinStageId = -1;
    for (int i = 0; i < 3; i++) {
      acc.count(2, 10, i == 1 ? new IllegalStateException() : null);
    }
    acc.windowStartNanos = 123_456;
    acc.windowNanos = 9_000;
    acc.windowCpuNanos = -1;
    assertThat(acc.countsOnly()).isTrue();
    long[] a = new long[2 * RecordRing.WIDTH];
    int o = RecordRing.WIDTH;
    a[o + RecordRing.HEADER] = RecordRing.header(RecordRing.KIND_FOLD, 7, RecordRing.F_COUNTS);
    acc.writeCounts(a, o);

    FoldAccumulator read = new FoldAccumulator();
    read.calls = 99; // what it held before is cleared
    read.readCounts(a, o);
    assertThat(read.stageId).isEqualTo(7);
    assertThat(read.withinStageId).isEqualTo(-1);
    assertThat(read.calls).isEqualTo(3);
    assertThat(read.errors).isEqualTo(1);
    assertThat(read.records).isEqualTo(6);
    assertThat(read.bytes).isEqualTo(30);
    assertThat(read.windowStartNanos).isEqualTo(123_456);
    assertThat(read.windowNanos).isEqualTo(9_000);
    assertThat(read.windowCpuNanos).isEqualTo(-1);
    assertThat(read.timedCalls).isZero();

    acc.withinStageId = 4;
    acc.writeCounts(a, o);
    assertThat(read.readCounts(a, o).withinStageId).isEqualTo(4);
  }

  /** A timed call, an exemplar or a call that stayed a span needs the accumulator itself. */
  @Test
  void aTimedFoldIsNotCountsOnly() {
    FoldAccumulator acc = new FoldAccumulator();
    acc.count(1, 0, null);
    acc.time(1_000, 1_050, 0, 0, 1, 0, null, 0);
    assertThat(acc.countsOnly()).isFalse();
    FoldAccumulator spans = new FoldAccumulator();
    spans.spanCalls = 1;
    assertThat(spans.countsOnly()).isFalse();
  }
}
