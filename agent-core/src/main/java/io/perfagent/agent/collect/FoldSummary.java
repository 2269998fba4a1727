package io.perfagent.agent.collect;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.bootstrap.FoldAccumulator;
import io.perfagent.bootstrap.StageRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call of one stage under one parent span once that stage has folded there: exact
 * counts and sums over all its calls (for AUTO, the first calls that became spans included),
 * and the wall-time buckets of the folded calls, scaled from the timed ones to all of them.
 * Immutable.
 */
public final class FoldSummary {

  public final int stageId;
  /** The folded stage these calls ran within (a per-record stage calling another), or -1. */
  public final int withinStageId;
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
  /**
   * The folded calls' wall-time buckets: each bucket's middle value (ns, ascending) and its
   * count scaled to all folded calls (the calls that became spans are not in them). Empty
   * when none was timed. Every percentile of the stage is computed from these, once.
   */
  public final long[] bucketNanos;
  public final long[] bucketCounts;
  /** The thread the calls ran on, and when (epoch ns) the frame they ran in began and ended. */
  public final long threadId;
  public final long windowStartEpochNanos;
  public final long windowEndEpochNanos;

  private FoldSummary(int stageId, int withinStageId, long calls, long errors, long wallNanos,
      long cpuNanos, long allocBytes, long records, long bytes, long p50Nanos, long p99Nanos,
      long maxNanos, long timedCalls, long wallErrorNanos, long[] bucketNanos,
      long[] bucketCounts, long threadId, long windowStartEpochNanos,
      long windowEndEpochNanos) {
    this.stageId = stageId;
    this.withinStageId = withinStageId;
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
    this.bucketNanos = bucketNanos;
    this.bucketCounts = bucketCounts;
    this.threadId = threadId;
    this.windowStartEpochNanos = windowStartEpochNanos;
    this.windowEndEpochNanos = windowEndEpochNanos;
  }

  /**
   * Reads an accumulator. {@code perCallNanos} is the stage's mean timed call elsewhere (other
   * parents), for a fold none of whose calls was timed: a parent of a few calls often has
   * none, and counting those as 0 ns would make the stage's total low.
   */
  static FoldSummary of(FoldAccumulator acc, double perCallNanos, long threadId,
      EpochClock clock) {
    long[][] buckets = acc.wall.scaledBuckets(acc.calls);
    long folded = acc.timedCalls > 0 ? acc.estimateWall()
        : Math.round(perCallNanos * acc.calls);
    // every call of the child under this parent: the folded ones and those that were spans
    return new FoldSummary(acc.stageId, acc.withinStageId, acc.calls + acc.spanCalls,
        acc.errors + acc.spanErrors, folded + acc.spanWallNanos,
        acc.estimateCpu() < 0 ? -1 : acc.estimateCpu() + acc.spanCpuNanos,
        acc.estimate(acc.timedAllocBytes) + acc.spanAllocBytes, acc.records + acc.spanRecords,
        acc.bytes + acc.spanBytes, Buckets.percentile(buckets[0], buckets[1], 50),
        Buckets.percentile(buckets[0], buckets[1], 99), acc.maxNanos, acc.timedCalls,
        acc.timedCalls > 0 ? acc.wallErrorNanos() : folded, buckets[0], buckets[1], threadId,
        acc.windowNanos > 0 ? clock.toEpochNanos(acc.windowStartNanos) : 0,
        acc.windowNanos > 0 ? clock.toEpochNanos(acc.windowStartNanos + acc.windowNanos) : 0);
  }

  /**
   * The folds with one summary per stage name (merging a stage called both directly and
   * within another, or two stages of one name): what span attributes, keyed by name, carry.
   */
  public static List<FoldSummary> byStageName(List<FoldSummary> folds) {
    if (folds.size() < 2) {
      return folds;
    }
    Map<String, FoldSummary> byName = new LinkedHashMap<>();
    for (FoldSummary f : folds) {
      byName.merge(StageRegistry.stage(f.stageId).name, f,
          FoldSummary::merge);
    }
    return byName.size() == folds.size() ? folds : new ArrayList<>(byName.values());
  }

  /** True when {@code o} is the same child stage, called the same way, on the same thread. */
  boolean sameChild(FoldSummary o) {
    return stageId == o.stageId && withinStageId == o.withinStageId && threadId == o.threadId;
  }

  /**
   * Sums two folds of the same stage under the same parent (e.g. from several tasks on one
   * worker thread); the buckets add up, the percentiles come from the sum, and the window
   * spans both.
   */
  FoldSummary merge(FoldSummary o) {
    long[][] b = Buckets.merge(bucketNanos, bucketCounts, o.bucketNanos, o.bucketCounts);
    return new FoldSummary(stageId, withinStageId == o.withinStageId ? withinStageId : -1,
        calls + o.calls, errors + o.errors, wallNanos + o.wallNanos,
        cpuNanos < 0 || o.cpuNanos < 0 ? -1 : cpuNanos + o.cpuNanos, allocBytes + o.allocBytes,
        records + o.records, bytes + o.bytes, Buckets.percentile(b[0], b[1], 50),
        Buckets.percentile(b[0], b[1], 99), Math.max(maxNanos, o.maxNanos),
        timedCalls + o.timedCalls, Math.round(Math.hypot(wallErrorNanos, o.wallErrorNanos)),
        b[0], b[1], threadId == o.threadId ? threadId : -1,
        windowStartEpochNanos == 0 || o.windowStartEpochNanos == 0 ? 0
            : Math.min(windowStartEpochNanos, o.windowStartEpochNanos),
        windowStartEpochNanos == 0 || o.windowStartEpochNanos == 0 ? 0
            : Math.max(windowEndEpochNanos, o.windowEndEpochNanos));
  }

  /**
   * Folds of one child stage summed over many threads (see {@link FinishedStage#addFold}):
   * mutable, so that adding the fold of one more thread allocates nothing, with its buckets
   * kept at about 3 % (32 to a power of two).
   */
  static final class Sum {

    final int stageId;
    final int withinStageId;
    private long calls;
    private long errors;
    private long wallNanos;
    private long cpuNanos;
    private long allocBytes;
    private long records;
    private long bytes;
    private long maxNanos;
    private long timedCalls;
    private double wallErrorSquared;
    private long windowStart = Long.MAX_VALUE;
    private long windowEnd;
    private boolean windowKnown = true;
    private final long[] counts = new long[Buckets.GROUPS];

    Sum(int stageId, int withinStageId) {
      this.stageId = stageId;
      this.withinStageId = withinStageId;
    }

    void add(FoldSummary f) {
      calls += f.calls;
      errors += f.errors;
      wallNanos += f.wallNanos;
      cpuNanos = cpuNanos < 0 || f.cpuNanos < 0 ? -1 : cpuNanos + f.cpuNanos;
      allocBytes += f.allocBytes;
      records += f.records;
      bytes += f.bytes;
      maxNanos = Math.max(maxNanos, f.maxNanos);
      timedCalls += f.timedCalls;
      wallErrorSquared += (double) f.wallErrorNanos * f.wallErrorNanos;
      if (f.windowStartEpochNanos == 0) {
        windowKnown = false;
      } else {
        windowStart = Math.min(windowStart, f.windowStartEpochNanos);
        windowEnd = Math.max(windowEnd, f.windowEndEpochNanos);
      }
      for (int i = 0; i < f.bucketNanos.length; i++) {
        counts[Buckets.group(f.bucketNanos[i])] += f.bucketCounts[i];
      }
    }

    /**
     * Another parent's sum of the same child stage (folds that waited for their parent): its
     * summary, whose bucket middles fall in the groups they came from.
     */
    void add(Sum o) {
      add(o.summary());
    }

    FoldSummary summary() {
      int n = 0;
      for (long c : counts) {
        n += c > 0 ? 1 : 0;
      }
      long[] v = new long[n];
      long[] c = new long[n];
      for (int i = 0, k = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          v[k] = Buckets.middle(i);
          c[k++] = counts[i];
        }
      }
      boolean window = windowKnown && windowEnd > 0;
      return new FoldSummary(stageId, withinStageId, calls, errors, wallNanos, cpuNanos,
          allocBytes, records, bytes, Buckets.percentile(v, c, 50), Buckets.percentile(v, c, 99),
          maxNanos, timedCalls, Math.round(Math.sqrt(wallErrorSquared)), v, c,
          FoldedAggregate.OTHER_THREADS, window ? windowStart : 0, window ? windowEnd : 0);
    }
  }
}
