package io.perfagent.analysis.whatif;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.AnalyzedRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What-if predictions over the runs of one pipeline. */
public final class WhatIfAnalyzer {

  /** The speedup asked about when the caller names none. */
  public static final double DEFAULT_SPEEDUP = 2.0;

  private WhatIfAnalyzer() {}

  /** The stage's own time {@code speedup} times faster. */
  public static WhatIf predict(List<AnalyzedRun> runs, String stage, double speedup) {
    return predict(runs, stage, speedup, false);
  }

  /**
   * With {@code subtree}, each call of the stage {@code speedup} times faster as a whole, the
   * stages it calls included.
   */
  public static WhatIf predict(List<AnalyzedRun> runs, String stage, double speedup,
      boolean subtree) {
    long[] walls = new long[runs.size()];
    long[] predicted = new long[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      walls[i] = runs.get(i).wallNanos();
      predicted[i] = Replay.predictWallNanos(runs.get(i).tree(), stage, speedup, subtree);
    }
    long wall = median(walls);
    long pred = median(predicted);
    return new WhatIf(stage, speedup, wall, pred, Math.max(0, wall - pred), subtree,
        subtree ? calledBy(runs, stage) : List.of());
  }

  /** The stages the calls of {@code stage} call: child spans' and folded, first seen first. */
  static List<String> calledBy(List<AnalyzedRun> runs, String stage) {
    Set<String> names = new LinkedHashSet<>();
    for (AnalyzedRun r : runs) {
      Map<String, List<StageSpan>> children = r.trace().childrenByParent();
      for (StageSpan s : r.trace().spans()) {
        if (!s.stage().equals(stage)) {
          continue;
        }
        for (StageSpan k : children.getOrDefault(s.spanId(), List.of())) {
          names.add(k.stage());
        }
        for (FoldedAggregate f : s.folded()) {
          names.add(f.stage());
        }
      }
    }
    names.remove(stage);
    return new ArrayList<>(names);
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
