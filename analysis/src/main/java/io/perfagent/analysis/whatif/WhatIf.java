package io.perfagent.analysis.whatif;

import java.util.List;

/**
 * The predicted effect of making one stage {@code speedup} times faster. Over many runs,
 * {@code predictedWallNanos} is the median of the replayed runs, and the gain is the pipeline's
 * median wall time minus it (never negative).
 *
 * @param subtree false: the stage's own time is faster (its children as they were); true: each
 *     of its calls is faster as a whole, the stages it calls included
 * @param including with {@code subtree}, the stages its calls call (child spans and folded
 *     calls), in the order first seen; empty otherwise
 */
public record WhatIf(String stage, double speedup, long wallNanos, long predictedWallNanos,
    long predictedGainNanos, boolean subtree, List<String> including) {

  public WhatIf {
    including = including == null ? List.of() : List.copyOf(including);
  }

  /** A what-if of the stage's own time. */
  public WhatIf(String stage, double speedup, long wallNanos, long predictedWallNanos,
      long predictedGainNanos) {
    this(stage, speedup, wallNanos, predictedWallNanos, predictedGainNanos, false, List.of());
  }

  /** The gain as a fraction of the wall time. */
  public double gainShare() {
    return wallNanos <= 0 ? 0 : (double) predictedGainNanos / wallNanos;
  }
}
