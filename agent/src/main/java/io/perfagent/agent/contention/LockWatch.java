package io.perfagent.agent.contention;

import io.perfagent.agent.collect.ThreadWatch;
import java.util.concurrent.locks.LockSupport;

/**
 * For {@code contention=auto}: starts the JFR stream once the CPU sampler has seen threads
 * inside stages blocked on a lock {@value #SIGHTINGS} times, so a run without lock contention
 * never pays for JFR. A thread is blocked on a lock when it is {@code BLOCKED} (entering a
 * monitor) or parked on a lock's synchronizer ({@link BlockerKind#ofParked}); both are read
 * from fields of the {@link Thread}, with no safepoint and nothing done to the thread.
 *
 * <p>Parks on queues and futures do not start it: nearly every pipeline with a pool has them,
 * and they are the {@code wait} kind either way.
 */
final class LockWatch implements ThreadWatch {

  /** Three ticks (30 ms at the default interval): contention that lasts, not one collision. */
  static final int SIGHTINGS = 3;

  private final Runnable onContention;
  private int seen;
  private boolean fired;

  LockWatch(Runnable onContention) {
    this.onContention = onContention;
  }

  @Override
  public void inside(Thread thread) {
    if (fired || !blockedOnLock(thread)) {
      return;
    }
    if (++seen >= SIGHTINGS) {
      fired = true;
      onContention.run();
    }
  }

  static boolean blockedOnLock(Thread t) {
    Thread.State state = t.getState();
    if (state == Thread.State.BLOCKED) {
      return true;
    }
    if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
      return false;
    }
    Object blocker = LockSupport.getBlocker(t);
    return blocker != null
        && BlockerKind.ofParked(blocker.getClass().getName()) == BlockerKind.LOCK;
  }
}
