package io.perfagent.agent.contention;

import io.perfagent.bootstrap.ThreadState;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a thread has ever entered a stage: events of other threads (the agent's own, JFR's,
 * the application's threads outside any stage) cannot be attributed, so they are not kept.
 * The set is rebuilt from the agent's thread registry on a miss, at most every
 * {@value #REFRESH_NANOS} ns, so threads that never enter a stage cost a set lookup each.
 */
final class StageThreads {

  static final long REFRESH_NANOS = 100_000_000L;

  private Set<Long> known = new HashSet<>();
  private long refreshedAt = System.nanoTime() - REFRESH_NANOS;

  /** Called on the JFR stream's thread only. */
  boolean contains(long threadId) {
    if (known.contains(threadId)) {
      return true;
    }
    long now = System.nanoTime();
    if (now - refreshedAt < REFRESH_NANOS) {
      return false;
    }
    refreshedAt = now;
    Set<Long> ids = new HashSet<>();
    for (ThreadState ts : ThreadState.all()) {
      ids.add(ts.threadId);
    }
    ids.addAll(known); // a thread that died keeps its earlier events attributable
    known = ids;
    return known.contains(threadId);
  }
}
