package io.perfagent.analysis.stats;

import java.util.List;

/**
 * One stage of a pipeline, totals over all the runs analysed. Figures that no call measured
 * are -1 (CPU, allocation, blocked time and the ratios derived from them).
 *
 * @param selfNanos wall time spent in none of the stage's children
 * @param cpuNanos thread CPU time as measured (includes nested calls on the same thread)
 * @param selfCpuNanos CPU time less that of children on the same thread
 * @param cpuExact true when every CPU figure of the stage was read per call, not sampled
 * @param criticalPathCpuRatio CPU over wall during the stage's critical-path time, estimated
 *     from the self CPU / self wall of the calls that are on the path
 * @param allocRateBytesPerSec self allocation over self wall time
 * @param threads distinct threads the stage ran on
 * @param folded true when some of its calls were folded (per-record stage)
 * @param firstOffsetNanos earliest start relative to its run's start: the table's order
 * @param inclusivePathNanos critical-path time spent in the stage or anywhere below it (its
 *     child spans and folded calls): the stage is on the path through its children when this
 *     is large and {@code criticalPathNanos} (its own part) is not
 * @param cpuRatioFromParent true when {@code criticalPathCpuRatio} is mostly the parent
 *     span's CPU ratio (folded calls whose own CPU was not measured), an estimate
 * @param timedCalls folded calls whose wall time was measured (0 for a stage never folded)
 * @param histogram wall-time distribution of every call, estimated for the folded ones from
 *     their timed calls: the same data the percentiles come from
 * @param blockedWallNanos wall time of the calls whose blocked time is known: what
 *     {@code blockedNanos} is a part of (calls before lock times were measured are not)
 */
public record StageStats(
    String name,
    long calls,
    long errors,
    long wallNanos,
    long selfNanos,
    long cpuNanos,
    long selfCpuNanos,
    boolean cpuExact,
    long allocBytes,
    long selfAllocBytes,
    long blockedNanos,
    long records,
    long bytes,
    long p50Nanos,
    long p95Nanos,
    long p99Nanos,
    long maxNanos,
    long criticalPathNanos,
    double criticalPathShare,
    double criticalPathCpuRatio,
    double allocRateBytesPerSec,
    int threads,
    boolean folded,
    long firstOffsetNanos,
    long inclusivePathNanos,
    double inclusivePathShare,
    boolean cpuRatioFromParent,
    long timedCalls,
    List<HistogramBin> histogram,
    long blockedWallNanos) {

  public StageStats {
    histogram = histogram == null ? List.of() : List.copyOf(histogram);
  }

  /** Records per second of the stage's wall time; 0 without records or time. */
  public double throughputPerSec() {
    return wallNanos <= 0 ? 0 : records * 1e9 / wallNanos;
  }

  public double errorRate() {
    return calls == 0 ? 0 : (double) errors / calls;
  }
}
