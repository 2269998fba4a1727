package io.perfagent.bootstrap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries stage context from the thread that submits work to the thread that runs it, without
 * wrapping the task: the task object (a queued {@code Runnable}, a {@code ForkJoinTask}, a
 * {@code Thread}) is keyed by identity to the context captured at submit, and the entry is
 * removed when the task starts. Not wrapping keeps the application's own view of its tasks
 * ({@code afterExecute}, {@code shutdownNow}, rejection handlers) unchanged.
 *
 * <p>Entries exist only for work submitted from inside a stage. The table is bounded: past
 * {@link AgentSettings#maxPendingContexts} waiting entries (tasks queued but never run) new
 * ones are dropped and counted, and the task simply runs without a parent.
 */
public final class TaskContexts {

  private static final ConcurrentHashMap<IdentityKey, StageContext> PENDING =
      new ConcurrentHashMap<>();
  private static final AtomicLong DROPPED = new AtomicLong();

  private TaskContexts() {}

  /** Executor submit: remembers the caller's context for {@code task}. */
  public static void attach(Object task) {
    attach(task, AgentSettings.maxPendingContexts);
  }

  private static void attach(Object task, long bound) {
    if (task == null || !AgentSettings.enabled) {
      return;
    }
    StageContext c = Stages.capture();
    if (c == null) {
      return;
    }
    if (PENDING.size() >= bound) {
      DROPPED.incrementAndGet();
      return;
    }
    PENDING.put(new IdentityKey(task), c);
  }

  /**
   * {@code Thread.start()}: like {@link #attach}, except for a pool starting its workers. A
   * started thread always runs, so its entry always goes: the bound is four times that of
   * queued tasks, which a hundred thousand virtual threads started at once stay within.
   */
  public static void attachThread(Thread thread) {
    if (!Stages.insideSubmit()) {
      attach(thread, 4L * AgentSettings.maxPendingContexts);
    }
  }

  /** Task start: the context captured for {@code task}, removed; null when none. */
  public static StageContext detach(Object task) {
    if (task == null || PENDING.isEmpty()) {
      return null;
    }
    return PENDING.remove(new IdentityKey(task));
  }

  /** Executor rejected the task: forget it. */
  public static void forget(Object task) {
    detach(task);
  }

  public static long dropped() {
    return DROPPED.get();
  }

  /** Identity, not {@code equals}: tasks may define their own equality. */
  private static final class IdentityKey {
    private final Object ref;
    private final int hash;

    IdentityKey(Object ref) {
      this.ref = ref;
      this.hash = System.identityHashCode(ref);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IdentityKey && ((IdentityKey) o).ref == ref;
    }
  }
}
