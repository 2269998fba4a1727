package io.perfagent.analysis.bottleneck;

import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.path.SpanTree;
import io.perfagent.analysis.whatif.WhatIfAnalyzer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds stragglers: among the calls of one stage under one parent, groups that overlap in
 * time (a fan-out), where the slowest call is on the critical path, i.e. holds the join.
 */
public final class SkewFinder {

  private SkewFinder() {}

  /** The fan-out of {@code stage} with the largest max/median ratio, or null if none. */
  public static Skew find(List<AnalyzedRun> runs, String stage, double minRatio) {
    Skew worst = null;
    int runsWithSkew = 0;
    for (AnalyzedRun run : runs) {
      Set<String> onPath = null; // made when a fan-out is found
      Skew inRun = null;
      List<SpanTree.Node> calls = new ArrayList<>();
      for (SpanTree.Node parent : run.tree().nodes()) {
        if (parent.children().size() < 2 || folds(parent, stage)) {
          // no fan-out; or its spans here are a sample (the first calls, the slowest kept as exemplars), not
          // the fan-out: the slowest of a sample chosen for being slow says nothing of skew
          continue;
        }
        calls.clear();
        for (SpanTree.Node c : parent.children()) {
          if (c.span().stage().equals(stage) && c.fold() == null) {
            calls.add(c); // sorted by start; a branch of folded calls is not one call
          }
        }
        if (calls.size() < 2) {
          continue;
        }
        for (List<SpanTree.Node> group : overlapping(calls)) {
          if (onPath == null) {
            onPath = onPath(run);
          }
          Skew s = skewOf(stage, group, onPath);
          if (s != null && (inRun == null || s.ratio() > inRun.ratio())) {
            inRun = s;
          }
        }
      }
      if (inRun != null && inRun.ratio() >= minRatio) {
        runsWithSkew++;
        if (worst == null || inRun.ratio() > worst.ratio()) {
          worst = inRun;
        }
      }
    }
    return worst == null ? null : new Skew(stage, worst.calls(), worst.maxNanos(),
        worst.medianNanos(), worst.nextNanos(), runsWithSkew);
  }

  private static boolean folds(SpanTree.Node parent, String stage) {
    for (io.perfagent.analysis.model.FoldedAggregate f : parent.span().folded()) {
      if (f.stage().equals(stage)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Spans with a segment on the path, and their ancestors (climbing the tree by parent ids:
   * a map of every node's parent, made for each stage asked about, was most of this on a
   * 1,000,000-span trace).
   */
  private static Set<String> onPath(AnalyzedRun run) {
    Set<String> ids = new HashSet<>();
    for (CriticalPathSegment seg : run.criticalPath().segments()) {
      SpanTree.Node n = run.tree().node(seg.spanId());
      while (n != null && ids.add(n.span().spanId())) {
        n = run.tree().node(n.span().parentSpanId());
      }
    }
    return ids;
  }

  /** Connected groups of calls whose intervals overlap, each of at least two calls. */
  private static List<List<SpanTree.Node>> overlapping(List<SpanTree.Node> byStart) {
    List<List<SpanTree.Node>> groups = new ArrayList<>();
    List<SpanTree.Node> cur = new ArrayList<>();
    long curEnd = Long.MIN_VALUE;
    for (SpanTree.Node c : byStart) {
      if (!cur.isEmpty() && c.start() >= curEnd) {
        if (cur.size() >= 2) {
          groups.add(cur);
        }
        cur = new ArrayList<>();
      }
      cur.add(c);
      curEnd = Math.max(curEnd, c.end());
    }
    if (cur.size() >= 2) {
      groups.add(cur);
    }
    return groups;
  }

  private static Skew skewOf(String stage, List<SpanTree.Node> group, Set<String> onPath) {
    long[] d = new long[group.size()];
    SpanTree.Node slowest = group.get(0);
    for (int i = 0; i < d.length; i++) {
      SpanTree.Node n = group.get(i);
      d[i] = n.end() - n.start();
      if (d[i] > slowest.end() - slowest.start()) {
        slowest = n;
      }
    }
    if (!onPath.contains(slowest.span().spanId())) {
      return null; // it did not hold the join
    }
    long[] sorted = d.clone();
    java.util.Arrays.sort(sorted);
    return new Skew(stage, d.length, sorted[d.length - 1], WhatIfAnalyzer.median(d),
        sorted[d.length - 2], 1);
  }
}
