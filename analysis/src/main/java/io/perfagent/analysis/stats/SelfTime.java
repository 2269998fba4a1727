package io.perfagent.analysis.stats;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
   * Wall time of each folded child stage that lies in the parent's gaps: the aggregate's wall
   * minus the wall of that stage's child spans (already in the union), scaled down together
   * when they exceed the gap (folded calls that ran in parallel on other threads). Only folds
   * directly under the parent: those within another fold are inside that fold's time.
   */
  public static Map<String, Long> foldedInGap(StageSpan parent, List<StageSpan> children,
      long gapNanos) {
    if (parent.folded().isEmpty() || gapNanos <= 0) {
      return Map.of();
    }
    Map<String, Long> spanWall = new HashMap<>();
    for (StageSpan c : children) {
      spanWall.merge(c.stage(), c.durationNanos(), Long::sum);
    }
    Map<String, Long> rest = new LinkedHashMap<>();
    long sum = 0;
    for (FoldedAggregate f : parent.folded()) {
      if (!f.direct() || f.elsewhere(parent)) {
        continue; // within another fold's time, or on another thread (a branch of its own)
      }
      long r = Math.max(0, f.wallNanos() - spanWall.getOrDefault(f.stage(), 0L));
      if (r > 0) {
        rest.merge(f.stage(), r, Long::sum);
        sum += r;
      }
    }
    if (sum <= gapNanos) {
      return rest;
    }
    Map<String, Long> scaled = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : rest.entrySet()) {
      scaled.put(e.getKey(), (long) ((double) e.getValue() * gapNanos / sum));
    }
    return scaled;
  }
}
