package io.perfagent.bootstrap;

import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The methods the agent weaves into the JDK's executors and threads, where {@link Stages} and
 * {@link TaskContexts} do not fit as they are. Woven code calls them with no handler around
 * the call, so each one catches everything itself: whatever fails here is counted in
 * {@link Faults} and the application's method runs on untouched.
 */
public final class Hooks {

  private Hooks() {}

  /** Task queued ({@code execute}, {@code fork}, a pool's submit): remembers the context. */
  public static void attach(Object task) {
    try {
      TaskContexts.attach(task);
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /** Leaving {@code execute}: a task the executor rejected will never run, so forget it. */
  public static void executed(Object task, Throwable thrown) {
    if (thrown == null) {
      return;
    }
    try {
      TaskContexts.forget(task);
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /**
   * Leaving {@code ThreadPoolExecutor.shutdownNow}: the tasks it hands back were never run and
   * never will be (by this executor), so their contexts go now, not at the table's bound.
   */
  public static void neverRun(Object tasks) {
    if (!(tasks instanceof java.util.List)) {
      return;
    }
    try {
      for (Object task : (java.util.List<?>) tasks) {
        TaskContexts.forget(task);
      }
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /**
   * Leaving {@code FutureTask.cancel} or {@code ThreadPoolExecutor.remove}: a task cancelled or
   * taken off the queue will never run its body, so its context goes now. Without this, the
   * contexts of cancelled timeouts waited for their delay (or, removed on cancel, forever)
   * and filled the table, and later tasks lost their parents.
   */
  public static void cancelled(Object task, boolean done) {
    if (!done) {
      return;
    }
    try {
      TaskContexts.forget(task);
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /** Entering {@code addWorker}: a pool starting its own worker is not a hand-off. */
  public static boolean beginSubmit() {
    try {
      return Stages.beginSubmit();
    } catch (Throwable t) {
      Faults.record(t);
      return false;
    }
  }

  /** Leaving {@code addWorker}. */
  public static void endSubmit(boolean began) {
    if (!began) {
      return;
    }
    try {
      Stages.endSubmit();
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /** {@code Thread.start()}: the new thread runs as a child, unless a pool starts its worker. */
  public static void threadStart(Thread thread) {
    try {
      if (!(thread instanceof ForkJoinWorkerThread)) {
        TaskContexts.attachThread(thread);
      }
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /**
   * {@code Thread.run()} (or an override): restores the context {@code start()} captured; 0 when
   * none, or when {@code run()} is called as a plain method on another thread.
   */
  public static int threadRun(Thread thread) {
    try {
      return thread == Thread.currentThread()
          ? Stages.enterThreadRun(TaskContexts.detachThread(thread)) : 0;
    } catch (Throwable t) {
      Faults.record(t);
      return 0;
    }
  }

  /** {@code ForkJoinTask.doExec()}: restores the context the task was queued in. */
  public static int taskRun(Object task) {
    try {
      return Stages.enterTask(TaskContexts.detach(task));
    } catch (Throwable t) {
      Faults.record(t);
      return 0;
    }
  }
}
