package io.perfagent.agent.collect;

import io.perfagent.bootstrap.FoldAccumulator;
import io.perfagent.bootstrap.WallHistogram;

/**
 * Every call of one stage under one parent span once that stage has folded there: exact
 * counts and sums over all its calls (for AUTO, the first calls that became spans included),
 * and wall-time percentiles of the folded calls. Immutable.
 */
public final class FoldSummary {

  public final int stageId;
  public final long calls;
  public final long errors;
  public final long wallNanos;
  public final long cpuNanos;
  public final long allocBytes;
  public final long records;
  public final long bytes;
  public final long p50Nanos;
  public final long p99Nanos;
  public final long maxNanos;
  /** Folded calls that were timed; the wall, CPU and allocation totals are scaled from them. */
  public final long timedCalls;
  /** Half-width of the 95 % confidence interval of {@link #wallNanos}, 0 when exact. */
  public final long wallErrorNanos;

  private FoldSummary(int stageId, long calls, long errors, long wallNanos, long cpuNanos,
      long allocBytes, long records, long bytes, long p50Nanos, long p99Nanos, long maxNanos,
      long timedCalls, long wallErrorNanos) {
    this.stageId = stageId;
    this.calls = calls;
    this.errors = errors;
    this.wallNanos = wallNanos;
    this.cpuNanos = cpuNanos;
    this.allocBytes = allocBytes;
    this.records = records;
    this.bytes = bytes;
    this.p50Nanos = p50Nanos;
    this.p99Nanos = p99Nanos;
    this.maxNanos = maxNanos;
    this.timedCalls = timedCalls;
    this.wallErrorNanos = wallErrorNanos;
  }

  static FoldSummary of(FoldAccumulator acc) {
    WallHistogram h = acc.wall;
    // every call of the child under this parent: the folded ones and those that were spans
    return new FoldSummary(acc.stageId, acc.calls + acc.spanCalls, acc.errors + acc.spanErrors,
        acc.estimateWall() + acc.spanWallNanos,
        acc.estimateCpu() < 0 ? -1 : acc.estimateCpu() + acc.spanCpuNanos,
        acc.estimate(acc.timedAllocBytes) + acc.spanAllocBytes, acc.records + acc.spanRecords,
        acc.bytes + acc.spanBytes, h.percentile(50), h.percentile(99), acc.maxNanos,
        acc.timedCalls, acc.wallErrorNanos());
  }

  /**
   * Sums two folds of the same stage under the same parent (e.g. from several worker
   * threads); percentiles of the merge are the larger of the two, an upper bound.
   */
  FoldSummary merge(FoldSummary o) {
    return new FoldSummary(stageId, calls + o.calls, errors + o.errors, wallNanos + o.wallNanos,
        cpuNanos < 0 || o.cpuNanos < 0 ? -1 : cpuNanos + o.cpuNanos, allocBytes + o.allocBytes, records + o.records, bytes + o.bytes,
        Math.max(p50Nanos, o.p50Nanos), Math.max(p99Nanos, o.p99Nanos),
        Math.max(maxNanos, o.maxNanos), timedCalls + o.timedCalls,
        Math.round(Math.hypot(wallErrorNanos, o.wallErrorNanos)));
  }
}
