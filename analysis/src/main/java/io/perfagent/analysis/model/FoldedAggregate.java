package io.perfagent.analysis.model;

/**
 * The calls of one per-record child stage folded into its parent span: exact counts and
 * totals, and wall-time percentiles. For the agent's {@code AUTO} mode the totals cover every
 * call of that stage under the parent, including the calls that also became child spans, so
 * the analysis never counts those spans a second time.
 *
 * @param allocBytes bytes allocated, or -1 when unknown
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
    long maxNanos) {

  public FoldedAggregate {
    stage = stage == null ? "" : stage;
  }
}
