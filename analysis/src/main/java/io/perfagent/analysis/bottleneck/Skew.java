package io.perfagent.analysis.bottleneck;

/**
 * The worst fan-out of a stage: {@code calls} overlapping calls under one parent, the slowest
 * on the critical path.
 *
 * @param nextNanos the second-slowest call: speeding the straggler buys at most down to it
 * @param runs how many runs had such a straggler (ratio at or above the threshold)
 */
public record Skew(String stage, int calls, long maxNanos, long medianNanos, long nextNanos,
    int runs) {

  public double ratio() {
    return medianNanos <= 0 ? Double.POSITIVE_INFINITY : (double) maxNanos / medianNanos;
  }
}
