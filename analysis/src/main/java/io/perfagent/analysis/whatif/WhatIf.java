package io.perfagent.analysis.whatif;

/**
 * The predicted effect of making one stage {@code speedup} times faster. Over many runs,
 * {@code predictedWallNanos} is the median of the replayed runs, and the gain is the pipeline's
 * median wall time minus it (never negative).
 */
public record WhatIf(String stage, double speedup, long wallNanos, long predictedWallNanos,
    long predictedGainNanos) {

  /** The gain as a fraction of the wall time. */
  public double gainShare() {
    return wallNanos <= 0 ? 0 : (double) predictedGainNanos / wallNanos;
  }
}
