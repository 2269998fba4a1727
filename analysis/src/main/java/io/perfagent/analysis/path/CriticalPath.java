package io.perfagent.analysis.path;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Computes a run's critical path (see the package javadoc for the algorithm and its one
 * deliberate difference from Jaeger).
 */
public final class CriticalPath {

  private CriticalPath() {}

  public static CriticalPathResult of(SpanTree tree) {
    List<CriticalPathSegment> reversed = new ArrayList<>();
    walk(tree.root(), tree.root().end(), false, reversed);
    Collections.reverse(reversed);
    return new CriticalPathResult(reversed, tree.leftOut());
  }

  /**
   * Covers {@code [node.start, until]} with segments, newest first. Recursion depth is the
   * tree's depth; siblings are walked in a loop (Jaeger recurses per sibling, which a stage
   * with thousands of child spans would turn into a stack overflow).
   *
   * @param returning false on the first entry into a node (any child may be the last to
   *     finish); true when {@code until} is a returning child's start, where only children
   *     ending strictly before it count
   */
  private static void walk(SpanTree.Node node, long until, boolean returning,
      List<CriticalPathSegment> out) {
    long cursor = until;
    boolean strict = returning;
    while (true) {
      SpanTree.Node last = lastFinishing(node, cursor, strict);
      if (last == null) {
        add(node, node.start(), cursor, out);
        return;
      }
      add(node, last.end(), cursor, out);
      SpanTree.Node work = Waits.waitedFor(node, last);
      long from = last.end();
      // the walk goes back in time: the work must have begun before the waiter's tail
      if (work != null && work.start() < from && work.start() < cursor) {
        // it waited for work on another thread: its tail after the work ended, then the work
        add(last, work.end(), last.end(), out);
        from = Math.min(work.end(), last.end());
        last = work;
      }
      walk(last, from, false, out);
      cursor = last.start();
      strict = true;
    }
  }

  private static SpanTree.Node lastFinishing(SpanTree.Node node, long cursor, boolean strict) {
    SpanTree.Node best = null;
    for (SpanTree.Node c : node.children()) {
      boolean eligible = strict ? c.end() < cursor : c.end() <= cursor;
      // strictly greater keeps the earliest-starting of equally late children, as Jaeger does
      if (eligible && (best == null || c.end() > best.end())) {
        best = c;
      }
    }
    return best;
  }

  private static void add(SpanTree.Node node, long from, long to, List<CriticalPathSegment> out) {
    if (to > from) {
      out.add(new CriticalPathSegment(node.span().spanId(), node.span().stage(), from, to - from));
    }
  }
}
