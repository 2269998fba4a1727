package io.perfagent.analysis.path;

/**
 * Which sibling a waiting child span waited for. A child that spent its time off CPU (its CPU
 * read exactly) and ended when a sibling on another thread ended (within
 * {@link #TOLERANCE_SHARE} of its wall time, at least {@link #MIN_TOLERANCE_NANOS}, either
 * way: a pool thread leaves its task a moment after the result it handed over woke the
 * waiter) is taken to have waited for that sibling: a join, a {@code Future.get()}, a latch. The work it waited
 * for is what held the run back, not the waiting; the critical path and the replay follow
 * the sibling instead.
 *
 * <p>Only leaf spans qualify, and only siblings on other threads: a span that sleeps and
 * happens to end within the tolerance of unrelated work on another thread would be misread,
 * which the narrow tolerance makes unlikely.
 */
public final class Waits {

  /** A child below this CPU over wall time was waiting, not working. */
  static final double WAITING_CPU_RATIO = 0.5;
  /*
   * 10 ms or 5 % either way: the waiter wakes a scheduler slice or two after the work ends
   * on a busy machine (8 ms late was seen on this project's 2-core machines), and a pool
   * thread leaves its task a moment after handing the result over.
   */
  static final long MIN_TOLERANCE_NANOS = 10_000_000L;
  static final double TOLERANCE_SHARE = 0.05;

  private Waits() {}

  /** The sibling {@code child} waited for (the latest-ending one that qualifies), or null. */
  public static SpanTree.Node waitedFor(SpanTree.Node parent, SpanTree.Node child) {
    if (child.fold() != null || !child.children().isEmpty() || !waiting(child)) {
      return null;
    }
    long wall = child.end() - child.start();
    long tolerance = Math.max(MIN_TOLERANCE_NANOS, (long) (TOLERANCE_SHARE * wall));
    SpanTree.Node best = null;
    for (SpanTree.Node s : parent.children()) {
      if (s == child || s.span().threadId() == child.span().threadId()
          || s.end() <= child.start() || s.start() >= child.end()
          || Math.abs(child.end() - s.end()) > tolerance) {
        continue;
      }
      if (best == null || s.end() > best.end()) {
        best = s;
      }
    }
    return best;
  }

  private static boolean waiting(SpanTree.Node n) {
    long wall = n.end() - n.start();
    return n.span().cpuExact() && n.span().cpuNanos() >= 0 && wall > 0
        && n.span().cpuNanos() < WAITING_CPU_RATIO * wall;
  }
}
