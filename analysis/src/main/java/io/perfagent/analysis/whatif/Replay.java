package io.perfagent.analysis.whatif;

import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.SpanTree;
import io.perfagent.analysis.path.Waits;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.stats.FoldTree;
import io.perfagent.analysis.stats.SelfTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
    return Math.round(new Replay(stage, factor, subtree).duration(tree.root()));
  }

  private double duration(SpanTree.Node node) {
    if (subtree && node.span().stage().equals(stage)) {
      return (node.end() - node.start()) / factor; // children lie within: all of it scales
    }
    List<SpanTree.Node> kids = node.children();
    double scale = gapScale(node);
    if (kids.isEmpty()) {
      return (node.end() - node.start()) * scale;
    }
    int n = kids.size();
    Integer[] byEnd = new Integer[n];
    for (int i = 0; i < n; i++) {
      byEnd[i] = i;
    }
    Arrays.sort(byEnd, (a, b) -> Long.compare(kids.get(a).end(), kids.get(b).end()));
    long[] ends = new long[n];
    for (int i = 0; i < n; i++) {
      ends[i] = kids.get(byEnd[i]).end();
    }
    double[] newEnd = new double[n];
    boolean[] placed = new boolean[n];
    int lastEnding = byEnd[n - 1];
    // in order of ending, a waiting child after the work it waited for (which may end a
    // moment after it): a predecessor (ended by our start) and that work are placed first
    SpanTree.Node[] work = new SpanTree.Node[n];
    long[] ready = new long[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      work[i] = Waits.waitedFor(node, kids.get(i));
      ready[i] = work[i] == null ? kids.get(i).end()
          : Math.max(kids.get(i).end(), work[i].end());
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> ready[a] != ready[b] ? Long.compare(ready[a], ready[b])
        : Boolean.compare(work[a] != null, work[b] != null));
    for (int k = 0; k < n; k++) {
      int i = order[k];
      SpanTree.Node c = kids.get(i);
      int pred = predecessor(byEnd, ends, i, c.start());
      double start = pred < 0 || !placed[pred]
          ? (c.start() - node.start()) * scale
          : newEnd[pred] + (c.start() - kids.get(pred).end()) * scale;
      int w = work[i] == null ? -1 : kids.indexOf(work[i]);
      if (w >= 0 && placed[w]) {
        // it waited for that work: it ends when the work does, plus its own short tail
        newEnd[i] = Math.max(start, newEnd[w])
            + Math.max(0, c.end() - work[i].end()) * gapScale(c);
      } else {
        newEnd[i] = start + duration(c);
      }
      placed[i] = true;
    }
    double maxEnd = 0;
    for (double e : newEnd) {
      maxEnd = Math.max(maxEnd, e);
    }
    return maxEnd + (node.end() - kids.get(lastEnding).end()) * scale;
  }

  /** The latest-ending child other than {@code self} ending at or before {@code start}. */
  private static int predecessor(Integer[] byEnd, long[] ends, int self, long start) {
    int lo = 0;
    int hi = ends.length; // first index with end > start
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ends[mid] <= start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int k = lo - 1; k >= 0; k--) {
      // only children placed before us qualify: a zero-length twin must not wait for us
      if (byEnd[k] < self) {
        return byEnd[k];
      }
    }
    return -1;
  }

  /** New gap time over old: the span's own part and its folded children's part. */
  private double gapScale(SpanTree.Node node) {
    StageSpan s = node.span();
    boolean target = s.stage().equals(stage);
    if (s.folded().isEmpty()) {
      return target ? 1.0 / factor : 1.0;
    }
    List<StageSpan> kidSpans = new ArrayList<>(node.children().size());
    for (SpanTree.Node k : node.children()) {
      kidSpans.add(k.span());
    }
    long gap = SelfTime.gapNanos(s, kidSpans);
    if (gap <= 0) {
      return 1.0;
    }
    Map<FoldedAggregate, Long> folded = SelfTime.foldedInGap(s, kidSpans, gap);
    FoldTree tree = FoldTree.of(s);
    double[] newGap = {0};
    long foldSum = 0;
    for (FoldedAggregate f : tree.direct()) {
      Long inGap = folded.get(f);
      if (inGap == null) {
        continue;
      }
      foldSum += inGap;
      // a fold's time splits between it and the folds within it; the target's part scales
      tree.split(f, inGap, (fold, own, inclusive) -> {
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
