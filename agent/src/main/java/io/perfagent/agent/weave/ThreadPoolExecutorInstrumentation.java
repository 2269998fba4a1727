package io.perfagent.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.TaskContexts;
import io.perfagent.bootstrap.TaskRunner;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.MemberSubstitution;

/**
 * {@code ThreadPoolExecutor} (and so {@code Executors.newFixedThreadPool}, {@code submit},
 * {@code invokeAll}, {@code CompletableFuture.*Async(…, executor)}) and
 * {@code ScheduledThreadPoolExecutor}: the context is captured when a task is queued (at
 * {@code execute}, or at {@code decorateTask} for scheduled tasks) and restored around
 * {@code task.run()} inside {@code runWorker}. Starting a worker thread is not a hand-off.
 */
final class ThreadPoolExecutorInstrumentation implements Instrumentation {

  @Override
  public AgentBuilder extend(AgentBuilder builder) {
    MemberSubstitution runInContext;
    try {
      runInContext = MemberSubstitution.relaxed()
          .method(named("run").and(takesArguments(0)).and(isDeclaredBy(Runnable.class)))
          .replaceWith(TaskRunner.class.getMethod("run", Runnable.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return builder
        .type(named("java.util.concurrent.ThreadPoolExecutor"))
        .transform((b, type, loader, module, domain) -> b
            .visit(Advice.to(Execute.class)
                .on(named("execute").and(takesArguments(Runnable.class))))
            .visit(Advice.to(StartingWorker.class).on(named("addWorker")))
            .visit(runInContext.on(named("runWorker"))))
        .type(named("java.util.concurrent.ScheduledThreadPoolExecutor"))
        .transform((b, type, loader, module, domain) -> b
            .visit(Advice.to(Decorated.class)
                .on(named("decorateTask").and(takesArguments(2)))));
  }

  static final class Execute {
    private Execute() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Runnable task) {
      TaskContexts.attach(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Runnable task, @Advice.Thrown Throwable rejected) {
      if (rejected != null) {
        TaskContexts.forget(task);
      }
    }
  }

  static final class StartingWorker {
    private StartingWorker() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter() {
      return Stages.beginSubmit();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean began) {
      if (began) {
        Stages.endSubmit();
      }
    }
  }

  static final class Decorated {
    private Decorated() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return Object task) {
      TaskContexts.attach(task);
    }
  }
}
