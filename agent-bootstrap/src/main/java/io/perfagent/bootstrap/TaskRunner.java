package io.perfagent.bootstrap;

/**
 * Replaces {@code task.run()} inside {@code ThreadPoolExecutor.runWorker}: runs the task in
 * the context it was submitted from. The task's own exceptions pass through unchanged.
 */
public final class TaskRunner {

  private TaskRunner() {}

  public static void run(Runnable task) {
    int token = 0;
    try {
      token = Stages.enterTask(TaskContexts.detach(task));
    } catch (Throwable t) {
      Faults.record(t);
    }
    try {
      task.run();
    } finally {
      Stages.exitTask(token);
    }
  }
}
