package io.perfagent.analysis.whatif;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.SpanTree;
import io.perfagent.analysis.path.Waits;
import io.perfagent.analysis.stats.FoldTree;
import io.perfagent.analysis.stats.SelfTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a replay of one node needs that no speed-up changes, worked out once per tree: the
 * order its children are placed in, each child's predecessor and the sibling it waited for,
 * and its own gaps with the folded calls in them. A run's report replays its tree once per
 * stage and speed-up asked about (a dozen times); sorting a million spans' children, finding
 * what each waited for and splitting each parent's gaps every time was most of the analysis
 * of a 1,000,000-span trace.
 */
final class ReplayPlan {

  private static final ReplayPlan[] NO_KIDS = {};
  private static final int[] NONE = {};

  private static final Map<SpanTree, ReplayPlan> PLANS =
      Collections.synchronizedMap(new WeakHashMap<>());

  final SpanTree.Node node;
  final ReplayPlan[] kids;
  /** Children in the order they are placed: by when they (or what they waited for) ended. */
  final int[] order;
  /** Each child's predecessor: the latest-ending earlier child ended by its start, or -1. */
  final int[] pred;
  /** The sibling each child waited for, or -1. */
  final int[] work;
  /** The child that ends last. */
  final int lastEnding;
  /** The node's own time outside its children (for a span with folds; else unused). */
  final long gap;
  final Map<FoldedAggregate, Long> foldedInGap;
  final FoldTree folds;

  private ReplayPlan(SpanTree.Node node) {
    this.node = node;
    List<SpanTree.Node> children = node.children();
    int n = children.size();
    // most nodes are leaves: they share empty arrays (a million-span tree made 4 million)
    kids = n == 0 ? NO_KIDS : new ReplayPlan[n];
    for (int i = 0; i < n; i++) {
      kids[i] = new ReplayPlan(children.get(i));
    }
    order = n == 0 ? NONE : new int[n];
    pred = n == 0 ? NONE : new int[n];
    work = n == 0 ? NONE : new int[n];
    lastEnding = n == 0 ? -1 : place(node, children);
    StageSpan s = node.span();
    if (s.folded().isEmpty()) {
      gap = 0;
      foldedInGap = Map.of();
      folds = null;
    } else {
      List<StageSpan> kidSpans = new ArrayList<>(n);
      for (SpanTree.Node k : children) {
        kidSpans.add(k.span());
      }
      gap = SelfTime.gapNanos(s, kidSpans);
      foldedInGap = gap > 0 ? SelfTime.foldedInGap(s, kidSpans, gap) : Map.of();
      folds = FoldTree.of(s);
    }
  }

  /** The plan of a tree's root, made on first use and kept while the tree is. */
  static ReplayPlan of(SpanTree tree) {
    ReplayPlan p = PLANS.get(tree);
    if (p == null) {
      p = new ReplayPlan(tree.root());
      PLANS.put(tree, p);
    }
    return p;
  }

  /** Fills order, pred and work; returns the last-ending child. */
  private int place(SpanTree.Node node, List<SpanTree.Node> kids) {
    int n = kids.size();
    int[] byEnd = sorted(n, (a, b) -> Long.compare(kids.get(a).end(), kids.get(b).end()));
    long[] ends = new long[n];
    for (int k = 0; k < n; k++) {
      ends[k] = kids.get(byEnd[k]).end();
    }
    IdentityHashMap<SpanTree.Node, Integer> index = null;
    long[] ready = new long[n];
    for (int i = 0; i < n; i++) {
      SpanTree.Node w = Waits.waitedFor(node, kids.get(i));
      if (w == null) {
        work[i] = -1;
        ready[i] = kids.get(i).end();
      } else {
        if (index == null) { // a sibling by identity, not by a scan of the list each time
          index = new IdentityHashMap<>(n * 2);
          for (int j = 0; j < n; j++) {
            index.put(kids.get(j), j);
          }
        }
        work[i] = index.get(w);
        ready[i] = Math.max(kids.get(i).end(), w.end());
      }
      pred[i] = predecessor(byEnd, ends, i, kids.get(i).start());
    }
    // in order of ending, a waiting child after the work it waited for (which may end a
    // moment after it): a predecessor (ended by its start) and that work are placed first
    int[] o = sorted(n, (a, b) -> ready[a] != ready[b] ? Long.compare(ready[a], ready[b])
        : Boolean.compare(work[a] >= 0, work[b] >= 0));
    System.arraycopy(o, 0, order, 0, n);
    return byEnd[n - 1];
  }

  /** Indices 0..n-1 in {@code order} (a stable sort). */
  private static int[] sorted(int n, Comparator<Integer> order) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, order);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** The latest-ending child other than {@code self} ending at or before {@code start}. */
  private static int predecessor(int[] byEnd, long[] ends, int self, long start) {
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
}
