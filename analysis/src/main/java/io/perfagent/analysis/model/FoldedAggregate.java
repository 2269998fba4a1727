package io.perfagent.analysis.model;

/**
 * The calls of one per-record child stage folded into its parent span: exact counts and
 * totals, and wall-time percentiles. For the agent's {@code AUTO} mode the totals cover every
 * call of that stage under the parent, including the calls that also became child spans, so
 * the analysis never counts those spans a second time.
 *
 * @param allocBytes bytes allocated, or -1 when unknown
 * @param within the folded stage these calls ran within, when a per-record stage calls
 *     another ({@code ""}: directly under the parent span). Their time is part of that
 *     stage's wall time, not of the parent's own.
 * @param timedCalls folded calls whose wall time was measured (the rest are estimated from
 *     them); 0 when not known
 * @param buckets the folded calls' wall times (the calls that became spans are not in them),
 *     scaled to all folded calls; every percentile of the stage comes from these
 * @param threadId the thread the calls ran on, -1 when not known, {@link #OTHER_THREADS} for
 *     calls on many threads besides the parent's, summed (too many to keep apart)
 * @param startNanos with {@code endNanos}, when the calls ran: the frame they ran in on that
 *     thread (the parent span, or a task that carried its context to another thread); both 0
 *     when not known. Calls on another thread than the parent's are placed there, not in the
 *     parent's own gaps.
 */
public record FoldedAggregate(
    String stage,
    long calls,
    long errors,
    long wallNanos,
    long cpuNanos,
    long allocBytes,
    long records,
    long bytes,
    long p50Nanos,
    long p99Nanos,
    long maxNanos,
    String within,
    long timedCalls,
    LatencyBuckets buckets,
    long threadId,
    long startNanos,
    long endNanos) {

  public FoldedAggregate {
    stage = stage == null ? "" : stage;
    within = within == null ? "" : within;
    buckets = buckets == null ? LatencyBuckets.EMPTY : buckets;
  }

  /** A fold directly under its parent, without buckets. */
  public FoldedAggregate(String stage, long calls, long errors, long wallNanos, long cpuNanos,
      long allocBytes, long records, long bytes, long p50Nanos, long p99Nanos, long maxNanos) {
    this(stage, calls, errors, wallNanos, cpuNanos, allocBytes, records, bytes, p50Nanos,
        p99Nanos, maxNanos, "", 0, LatencyBuckets.EMPTY, -1, 0, 0);
  }

  /** True when these calls ran directly under the parent span, not within another fold. */
  public boolean direct() {
    return within.isEmpty();
  }

  /**
   * The thread id of calls summed over many threads other than the parent's: a parent that
   * fans out to thousands of threads keeps a few apart and sums the rest. The sum is counted
   * in the parent's own time, like calls on its thread: its window spans the whole fan-out,
   * and one branch over it would give the parent's time (starting the threads, waiting for
   * them) to the summed calls.
   */
  public static final long OTHER_THREADS = Long.MAX_VALUE;

  /**
   * True when these calls ran on another thread than {@code parent}'s, in a known window: a
   * branch of their own beside the parent's thread, not part of its gaps.
   */
  public boolean elsewhere(StageSpan parent) {
    return threadId >= 0 && threadId != OTHER_THREADS && threadId != parent.threadId()
        && endNanos > startNanos;
  }
}
