package io.perfagent.analysis.whatif;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.SpanTree;

/**
 * Replays one run with a stage's own time divided by a factor, or with its whole subtree (its
 * own time, its child spans and the folded calls below it) divided (see the package doc).
 */
public final class Replay {

  private final String stage;
  private final double factor;
  private final boolean subtree;

  private Replay(String stage, double factor, boolean subtree) {
    this.stage = stage;
    this.factor = factor;
    this.subtree = subtree;
  }

  /**
   * Predicted wall time of the run (its root span) with {@code stage} {@code factor} times
   * faster. A factor of 1, or a stage not in the run, gives the run's wall time.
   */
  public static long predictWallNanos(SpanTree tree, String stage, double factor) {
    return predictWallNanos(tree, stage, factor, false);
  }

  /**
   * As {@link #predictWallNanos(SpanTree, String, double)}; with {@code subtree}, each call of
   * the stage is {@code factor} times faster as a whole, children included.
   */
  public static long predictWallNanos(SpanTree tree, String stage, double factor,
      boolean subtree) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("speedup factor must be positive and finite: " + factor);
    }
    return Math.round(new Replay(stage, factor, subtree).duration(ReplayPlan.of(tree)));
  }

  private double duration(ReplayPlan p) {
    return duration(p, 0);
  }

  /**
   * The children's new ends, one array per depth of the recursion, reused by every node at
   * that depth: a replay of a million-span tree made a new pair of arrays per node.
   */
  private double[][] ends = new double[16][];

  private double[] ends(int depth, int n) {
    if (depth >= ends.length) {
      ends = java.util.Arrays.copyOf(ends, depth * 2);
    }
    double[] e = ends[depth];
    if (e == null || e.length < n) {
      e = new double[Math.max(n, 16)];
      ends[depth] = e;
    }
    java.util.Arrays.fill(e, 0, n, Double.NaN); // NaN: not placed yet
    return e;
  }

  private double duration(ReplayPlan p, int depth) {
    SpanTree.Node node = p.node;
    if (subtree && node.span().stage().equals(stage)) {
      return (node.end() - node.start()) / factor; // children lie within: all of it scales
    }
    double scale = gapScale(p);
    int n = p.kids.length;
    if (n == 0) {
      return (node.end() - node.start()) * scale;
    }
    double[] newEnd = ends(depth, n);
    for (int k = 0; k < n; k++) {
      int i = p.order[k];
      SpanTree.Node c = p.kids[i].node;
      int pred = p.pred[i];
      double start = pred < 0 || Double.isNaN(newEnd[pred])
          ? (c.start() - node.start()) * scale
          : newEnd[pred] + (c.start() - p.kids[pred].node.end()) * scale;
      int w = p.work[i];
      if (w >= 0 && !Double.isNaN(newEnd[w])) {
        // it waited for that work: it ends when the work does, plus its own short tail
        newEnd[i] = Math.max(start, newEnd[w])
            + Math.max(0, c.end() - p.kids[w].node.end()) * gapScale(p.kids[i]);
      } else {
        newEnd[i] = start + duration(p.kids[i], depth + 1);
      }
    }
    double maxEnd = 0;
    for (int i = 0; i < n; i++) {
      maxEnd = Math.max(maxEnd, newEnd[i]);
    }
    return maxEnd + (node.end() - p.kids[p.lastEnding].node.end()) * scale;
  }

  /** New gap time over old: the span's own part and its folded children's part. */
  private double gapScale(ReplayPlan p) {
    StageSpan s = p.node.span();
    boolean target = s.stage().equals(stage);
    if (s.folded().isEmpty()) {
      return target ? 1.0 / factor : 1.0;
    }
    long gap = p.gap;
    if (gap <= 0) {
      return 1.0;
    }
    double[] newGap = {0};
    long foldSum = 0;
    for (FoldedAggregate f : p.folds.direct()) {
      Long inGap = p.foldedInGap.get(f);
      if (inGap == null) {
        continue;
      }
      foldSum += inGap;
      // a fold's time splits between it and the folds within it; the target's part scales
      p.folds.split(f, inGap, (fold, own, inclusive) -> {
        boolean hit = fold.stage().equals(stage);
        if (subtree && hit) {
          newGap[0] += inclusive / factor; // the folds within it scale with it
          return false;
        }
        newGap[0] += hit ? own / factor : own;
        return true;
      });
    }
    long own = gap - foldSum;
    double total = newGap[0] + (target ? own / factor : own);
    return total / gap;
  }
}
