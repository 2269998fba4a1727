package io.perfagent.agent.weave;

import io.perfagent.agent.weave.Hook.Arg;
import io.perfagent.bootstrap.Hooks;
import io.perfagent.bootstrap.Stages;

/**
 * {@code ForkJoinPool} and {@code ForkJoinTask}: parallel streams, {@code RecursiveTask},
 * {@code CompletableFuture.*Async} on the common pool. A task's context is captured where it
 * enters a queue ({@code fork()}, and the pool's internal submit, whose name differs between
 * JDK 17 and 21+) and restored around {@code doExec()}, wherever it is stolen to.
 */
final class ForkJoinInstrumentation implements Instrumentation {

  private static final String TASK = "java/util/concurrent/ForkJoinTask";
  private static final Advice FORK = Advice.onEnter(Hook.to(Hooks.class, "attach", Arg.self()));
  private static final Advice EXEC = Advice.around(
      Hook.to(Hooks.class, "taskRun", Arg.self()),
      Hook.to(Stages.class, "exitTask", Arg.entered()));
  private static final Advice SUBMIT_FIRST = Advice.onEnter(
      Hook.to(Hooks.class, "attach", Arg.parameter(0)));
  private static final Advice SUBMIT_SECOND = Advice.onEnter(
      Hook.to(Hooks.class, "attach", Arg.parameter(1)));

  @Override
  public MethodRewrite rewrite(TypeInfo type, MethodInfo method, ClassLoader loader) {
    if (loader != null) {
      return null;
    }
    if (type.named(TASK)) {
      return method.takes("fork") ? FORK : method.takes("doExec") ? EXEC : null;
    }
    if (type.named("java/util/concurrent/ForkJoinPool")) {
      // JDK 17: externalPush(task), externalSubmit(task); JDK 21+: poolSubmit(signal, task)
      if (method.takes("externalPush", TASK) || method.takes("externalSubmit", TASK)
          || method.takes("lazySubmit", TASK)) {
        return SUBMIT_FIRST;
      }
      return method.takes("poolSubmit", "Z", TASK) ? SUBMIT_SECOND : null;
    }
    return null;
  }
}
