package io.perfagent.analysis.stats;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call's own time: the part of its wall time spent in none of its children, and how that
 * part splits between the call itself and the folded per-record children it carries.
 */
public final class SelfTime {

  private SelfTime() {}

  /**
   * Wall time of {@code parent} not covered by the union of {@code children} clamped to the
   * parent. Children wholly outside the parent or ending after it (fire-and-forget) do not
   * count, consistently with the critical path.
   */
  public static long gapNanos(StageSpan parent, List<StageSpan> children) {
    if (children.isEmpty()) {
      return parent.durationNanos(); // a leaf, as most spans are
    }
    List<long[]> iv = new ArrayList<>(children.size());
    for (StageSpan c : children) {
      if (c.endNanos() > parent.endNanos() || c.startNanos() >= parent.endNanos()
          || c.endNanos() <= parent.startNanos()) {
        continue;
      }
      iv.add(new long[] {Math.max(c.startNanos(), parent.startNanos()), c.endNanos()});
    }
    iv.sort((a, b) -> Long.compare(a[0], b[0]));
    long covered = 0;
    long curStart = 0;
    long curEnd = Long.MIN_VALUE;
    for (long[] i : iv) {
      if (i[0] > curEnd) {
        if (curEnd != Long.MIN_VALUE) {
          covered += curEnd - curStart;
        }
        curStart = i[0];
        curEnd = i[1];
      } else if (i[1] > curEnd) {
        curEnd = i[1];
      }
    }
    if (curEnd != Long.MIN_VALUE) {
      covered += curEnd - curStart;
    }
    return parent.durationNanos() - covered;
  }

  /**
   * Wall time of each folded aggregate directly under the parent that lies in the parent's
   * gaps, by aggregate (identity): its wall minus its part of the wall of that stage's child
   * spans (already in the union), scaled down together when they exceed the gap (folded calls
   * that ran in parallel on other threads, summed). Folds within another fold are inside that
   * fold's time; folds on another thread in a known window are a branch of their own. A stage
   * can have several aggregates here (its calls on the parent's thread, and those of many
   * other threads summed): each gets its own part, so a stage is never counted twice.
   */
  public static Map<FoldedAggregate, Long> foldedInGap(StageSpan parent,
      List<StageSpan> children, long gapNanos) {
    if (parent.folded().isEmpty() || gapNanos <= 0) {
      return Map.of();
    }
    Map<String, Long> spanWall = new HashMap<>();
    for (StageSpan c : children) {
      spanWall.merge(c.stage(), c.durationNanos(), Long::sum);
    }
    Map<String, Long> stageWall = new HashMap<>();
    for (FoldedAggregate f : parent.folded()) {
      if (inGap(parent, f)) {
        stageWall.merge(f.stage(), Math.max(0, f.wallNanos()), Long::sum);
      }
    }
    Map<FoldedAggregate, Long> rest = new IdentityHashMap<>();
    long sum = 0;
    for (FoldedAggregate f : parent.folded()) {
      long all = inGap(parent, f) ? stageWall.get(f.stage()) : 0;
      if (all <= 0 || f.wallNanos() <= 0) {
        continue;
      }
      // the stage's calls that became spans, taken from its aggregates in proportion
      long spans = spanWall.getOrDefault(f.stage(), 0L);
      long r = Math.round(Math.max(0, all - spans) * ((double) f.wallNanos() / all));
      if (r > 0) {
        rest.put(f, r);
        sum += r;
      }
    }
    if (sum <= gapNanos) {
      return rest;
    }
    for (Map.Entry<FoldedAggregate, Long> e : rest.entrySet()) {
      e.setValue((long) ((double) e.getValue() * gapNanos / sum));
    }
    return rest;
  }

  /** Sum of the values of {@link #foldedInGap}. */
  public static long total(Map<FoldedAggregate, Long> inGap) {
    if (inGap.isEmpty()) {
      return 0;
    }
    long sum = 0;
    for (long v : inGap.values()) {
      sum += v;
    }
    return sum;
  }

  private static boolean inGap(StageSpan parent, FoldedAggregate f) {
    return f.direct() && !f.elsewhere(parent);
  }
}
