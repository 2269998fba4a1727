package io.perfagent.agent.weave;

import io.perfagent.agent.weave.Hook.Arg;
import io.perfagent.bootstrap.Hooks;
import io.perfagent.bootstrap.TaskRunner;

/**
 * {@code ThreadPoolExecutor} (and so {@code Executors.newFixedThreadPool}, {@code submit},
 * {@code invokeAll}, {@code CompletableFuture.*Async(…, executor)}) and
 * {@code ScheduledThreadPoolExecutor}: the context is captured when a task is queued (at
 * {@code execute}, or at {@code decorateTask} for scheduled tasks) and restored around
 * {@code task.run()} inside {@code runWorker}. Starting a worker thread is not a hand-off. A
 * task cancelled ({@code FutureTask.cancel}), taken off the queue ({@code remove}) or handed
 * back by {@code shutdownNow} will never run: its context is released then.
 */
final class ThreadPoolExecutorInstrumentation implements Instrumentation {

  private static final Advice EXECUTE = Advice.around(
      Hook.to(Hooks.class, "attach", Arg.parameter(0)),
      Hook.to(Hooks.class, "executed", Arg.parameter(0), Arg.thrown()));
  private static final Advice ADD_WORKER = Advice.around(
      Hook.to(Hooks.class, "beginSubmit"),
      Hook.to(Hooks.class, "endSubmit", Arg.entered()));
  private static final MethodRewrite RUN_IN_CONTEXT = new CallSubstitution(
      "java/lang/Runnable", "run", "()V", Hook.to(TaskRunner.class, "run", Arg.parameter(0)));
  private static final Advice DECORATED = Advice.onReturn(
      Hook.to(Hooks.class, "attach", Arg.returned()));
  private static final Advice REMOVED = Advice.onReturn(
      Hook.to(Hooks.class, "cancelled", Arg.parameter(0), Arg.returned()));
  private static final Advice SHUT_DOWN_NOW = Advice.onReturn(
      Hook.to(Hooks.class, "neverRun", Arg.returned()));
  private static final Advice CANCELLED = Advice.onReturn(
      Hook.to(Hooks.class, "cancelled", Arg.self(), Arg.returned()));

  @Override
  public MethodRewrite rewrite(TypeInfo type, MethodInfo method, ClassLoader loader) {
    if (loader != null) {
      return null;
    }
    if (type.named("java/util/concurrent/ThreadPoolExecutor")) {
      return method.takes("execute", "java/lang/Runnable") ? EXECUTE
          : method.takes("remove", "java/lang/Runnable") ? REMOVED
          : method.name.equals("shutdownNow") && method.parameterCount() == 0 ? SHUT_DOWN_NOW
          : method.name.equals("addWorker") ? ADD_WORKER
          : method.name.equals("runWorker") ? RUN_IN_CONTEXT : null;
    }
    if (type.named("java/util/concurrent/FutureTask")) {
      return method.name.equals("cancel") && method.parameterCount() == 1 ? CANCELLED : null;
    }
    if (type.named("java/util/concurrent/ScheduledThreadPoolExecutor")) {
      return method.name.equals("decorateTask") && method.parameterCount() == 2 ? DECORATED
          : null;
    }
    return null;
  }
}
