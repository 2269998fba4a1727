package io.perfagent.agent.collect;

import io.perfagent.bootstrap.FoldAccumulator;
import io.perfagent.bootstrap.WallHistogram;

/**
 * Cumulative statistics of one stage in one pipeline since start: spans and folded calls
 * alike, so counts and totals are exact whatever became a span. Written by the drain thread;
 * read under the owning {@link StatsTable}'s lock.
 */
public final class StageStats {

  /** Explicit bucket bounds of {@code perf.stage.duration}, in seconds. */
  public static final double[] BOUNDS_SECONDS = {
      0.000_001, 0.000_01, 0.000_1, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
      10, 30, 60, 300};

  public final int pipelineId;
  public final int stageId;
  long calls;
  long errors;
  long spans;
  long wallNanos;
  long cpuNanos;
  long exactCpuCalls;
  long allocBytes;
  long records;
  long bytes;
  long minNanos = Long.MAX_VALUE;
  long maxNanos;
  /** Calls whose wall time is estimated from a timed sample (folded), and the error's square. */
  long estimatedCalls;
  /** Folded calls whose CPU time was not measured (see {@code FoldAccumulator#estimateCpu}). */
  long cpuUnknownCalls;
  double wallErrorSquared;
  final WallHistogram wall = new WallHistogram();
  final long[] buckets = new long[BOUNDS_SECONDS.length + 1];
  /** {@link #addScaledBuckets}'s working array: not one per fold (a fold per virtual thread). */
  private final long[] scratch = new long[BOUNDS_SECONDS.length + 1];

  StageStats(int pipelineId, int stageId) {
    this.pipelineId = pipelineId;
    this.stageId = stageId;
  }

  void add(FinishedStage s) {
    long w = Math.max(0, s.wallNanos());
    calls++;
    spans++;
    wallNanos += w;
    if (s.cpuNanos > 0) {
      cpuNanos += s.cpuNanos;
    }
    if (s.cpuExact) {
      exactCpuCalls++;
    }
    if (s.allocBytes > 0) {
      allocBytes += s.allocBytes;
    }
    records += s.records;
    bytes += s.bytes;
    if (s.error != null) {
      errors++;
    }
    minNanos = Math.min(minNanos, w);
    maxNanos = Math.max(maxNanos, w);
    wall.record(w);
    buckets[bucket(w)]++;
  }

  /**
   * Adds folded calls: counts exactly; wall ({@code foldedWallNanos}, as the fold's summary
   * estimated it), CPU and allocation estimated from the timed calls; the histogram and the
   * duration buckets scaled so they count every call, as the report's percentiles do.
   * Exemplar spans of the same calls are not added again.
   */
  void add(FoldAccumulator acc, long foldedWallNanos) {
    calls += acc.calls;
    errors += acc.errors;
    records += acc.records;
    bytes += acc.bytes;
    wallNanos += foldedWallNanos;
    long cpu = acc.estimateCpu();
    if (cpu >= 0) {
      cpuNanos += cpu;
    } else {
      cpuUnknownCalls += acc.calls;
    }
    allocBytes += acc.estimate(acc.timedAllocBytes);
    long err = acc.wallErrorNanos();
    wallErrorSquared += (double) err * err;
    if (acc.timedCalls < acc.calls) {
      estimatedCalls += acc.calls;
    }
    if (acc.timedCalls > 0) {
      minNanos = Math.min(minNanos, acc.minNanos);
      maxNanos = Math.max(maxNanos, acc.maxNanos);
      wall.addScaled(acc.wall, acc.calls);
      addScaledBuckets(acc);
    }
  }

  /** Timed calls' buckets scaled to all calls, rounded so they add up to the exact count. */
  private void addScaledBuckets(FoldAccumulator acc) {
    double scale = (double) acc.calls / acc.timedCalls;
    long[] added = scratch;
    java.util.Arrays.fill(added, 0);
    long[] total = {0};
    acc.wall.forEachBucket((value, count) -> {
      long n = Math.round(count * scale);
      added[bucket(value)] += n;
      total[0] += n;
    });
    int largest = 0;
    for (int i = 1; i < added.length; i++) {
      if (added[i] > added[largest]) {
        largest = i;
      }
    }
    added[largest] += acc.calls - total[0];
    for (int i = 0; i < added.length; i++) {
      buckets[i] += added[i];
    }
  }

  private static int bucket(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
      if (seconds <= BOUNDS_SECONDS[i]) {
        return i;
      }
    }
    return BOUNDS_SECONDS.length;
  }

  public long calls() {
    return calls;
  }

  public long errors() {
    return errors;
  }

  public long spans() {
    return spans;
  }

  public long wallNanos() {
    return wallNanos;
  }

  /** CPU of the calls that have it, or -1 when no call's CPU time was measured. */
  public long cpuNanos() {
    return cpuUnknownCalls >= calls && calls > 0 ? -1 : cpuNanos;
  }

  /** True when every call's CPU time was read exactly, not estimated by the sampler. */
  public boolean cpuExact() {
    return exactCpuCalls == calls;
  }

  /** True when some calls' wall time was estimated from timed samples (folded calls). */
  public boolean wallEstimated() {
    return estimatedCalls > 0;
  }

  /** Half-width of the 95 % confidence interval of {@link #wallNanos()}, 0 when exact. */
  public long wallErrorNanos() {
    return Math.round(Math.sqrt(wallErrorSquared));
  }

  public long allocBytes() {
    return allocBytes;
  }

  public long records() {
    return records;
  }

  public long bytes() {
    return bytes;
  }

  public long maxNanos() {
    return maxNanos;
  }

  public long minNanos() {
    return calls == 0 ? 0 : minNanos;
  }

  public long percentileNanos(double p) {
    return wall.percentile(p);
  }

  public long[] bucketCounts() {
    return buckets.clone();
  }

  /** A copy, so readers need no lock afterwards. */
  StageStats copy() {
    StageStats c = new StageStats(pipelineId, stageId);
    c.calls = calls;
    c.errors = errors;
    c.spans = spans;
    c.wallNanos = wallNanos;
    c.cpuNanos = cpuNanos;
    c.exactCpuCalls = exactCpuCalls;
    c.allocBytes = allocBytes;
    c.records = records;
    c.bytes = bytes;
    c.minNanos = minNanos;
    c.maxNanos = maxNanos;
    c.estimatedCalls = estimatedCalls;
    c.cpuUnknownCalls = cpuUnknownCalls;
    c.wallErrorSquared = wallErrorSquared;
    c.wall.add(wall);
    System.arraycopy(buckets, 0, c.buckets, 0, buckets.length);
    return c;
  }
}
