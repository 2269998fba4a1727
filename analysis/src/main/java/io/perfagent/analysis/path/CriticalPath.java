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
    // children latest-ending first (equal ends: earliest start first, the list's order). The
    // cursor only moves back, so one pass over them finds each next child: a scan per step
    // was quadratic, and a root with a hundred thousand task spans took minutes
    List<SpanTree.Node> byEnd = new ArrayList<>(node.children());
    byEnd.sort((a, b) -> Long.compare(b.end(), a.end()));
    int next = 0;
    while (true) {
      while (next < byEnd.size()
          && (strict ? byEnd.get(next).end() >= cursor : byEnd.get(next).end() > cursor)) {
        next++;
      }
      if (next == byEnd.size()) {
        add(node, node.start(), cursor, out);
        return;
      }
      SpanTree.Node last = byEnd.get(next++);
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

  private static void add(SpanTree.Node node, long from, long to, List<CriticalPathSegment> out) {
    if (to > from) {
      out.add(new CriticalPathSegment(node.span().spanId(), node.span().stage(), from, to - from));
    }
  }
}
