package io.perfagent.analysis.whatif;

import io.perfagent.analysis.path.AnalyzedRun;
import java.util.Arrays;
import java.util.List;

/** What-if predictions over the runs of one pipeline. */
public final class WhatIfAnalyzer {

  /** The speedup asked about when the caller names none. */
  public static final double DEFAULT_SPEEDUP = 2.0;

  private WhatIfAnalyzer() {}

  public static WhatIf predict(List<AnalyzedRun> runs, String stage, double speedup) {
    long[] walls = new long[runs.size()];
    long[] predicted = new long[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      walls[i] = runs.get(i).wallNanos();
      predicted[i] = Replay.predictWallNanos(runs.get(i).tree(), stage, speedup);
    }
    long wall = median(walls);
    long pred = median(predicted);
    return new WhatIf(stage, speedup, wall, pred, Math.max(0, wall - pred));
  }

  /** The lower median: an actual run's value, never an average of two. */
  public static long median(long[] values) {
    if (values.length == 0) {
      return 0;
    }
    long[] v = values.clone();
    Arrays.sort(v);
    return v[(v.length - 1) / 2];
  }
}
