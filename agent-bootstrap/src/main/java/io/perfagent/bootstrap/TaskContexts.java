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
  /*
   * Started threads, keyed by the Thread itself (identity: Thread does not define equality):
   * its lookup then allocates nothing on the new thread, whose first allocation would cost it a
   * TLAB of its own (a thread per task made the young generation fill with them).
   */
  private static final ConcurrentHashMap<Thread, StageContext> STARTED =
      new ConcurrentHashMap<>();
  private static final AtomicLong DROPPED = new AtomicLong();

  private TaskContexts() {}

  /** Executor submit: remembers the caller's context for {@code task}. */
  public static void attach(Object task) {
    StageContext c = toRemember(task, PENDING, AgentSettings.maxPendingContexts);
    if (c != null) {
      PENDING.put(new IdentityKey(task), c);
    }
  }

  /**
   * {@code Thread.start()}: like {@link #attach}, except for a pool starting its workers. A
   * started thread always runs, so its entry always goes: the bound is four times that of
   * queued tasks, which a hundred thousand virtual threads started at once stay within.
   */
  public static void attachThread(Thread thread) {
    if (!Stages.insideSubmit()) {
      StageContext c = toRemember(thread, STARTED, 4L * AgentSettings.maxPendingContexts);
      if (c != null) {
        STARTED.put(thread, c);
      }
    }
  }

  /** The caller's context, to remember for {@code task}; null when none or the table is full. */
  private static StageContext toRemember(Object task, ConcurrentHashMap<?, ?> table,
      long bound) {
    if (task == null || !AgentSettings.enabled) {
      return null;
    }
    StageContext c = Stages.capture();
    if (c != null && table.size() >= bound) {
      DROPPED.incrementAndGet(); // the task runs without a parent
      return null;
    }
    return c;
  }

  /** {@code Thread.run()}: the context captured when {@code thread} was started, removed. */
  public static StageContext detachThread(Thread thread) {
    return STARTED.isEmpty() ? null : STARTED.remove(thread);
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
