package io.perfagent.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.TaskContexts;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code ForkJoinPool} and {@code ForkJoinTask}: parallel streams, {@code RecursiveTask},
 * {@code CompletableFuture.*Async} on the common pool. A task's context is captured where it
 * enters a queue ({@code fork()}, and the pool's internal submit, whose name differs between
 * JDK 17 and 21+) and restored around {@code doExec()}, wherever it is stolen to.
 */
final class ForkJoinInstrumentation implements Instrumentation {

  @Override
  public AgentBuilder extend(AgentBuilder builder) {
    return builder
        .type(named("java.util.concurrent.ForkJoinTask"))
        .transform((b, type, loader, module, domain) -> b
            .visit(Advice.to(Fork.class).on(named("fork").and(takesArguments(0))))
            .visit(Advice.to(Exec.class).on(named("doExec").and(takesArguments(0)))))
        .type(named("java.util.concurrent.ForkJoinPool"))
        .transform((b, type, loader, module, domain) -> b
            // JDK 17: externalPush(task), externalSubmit(task); JDK 21+: poolSubmit(signal, task)
            .visit(Advice.to(SubmitFirst.class).on(
                namedOneOf("externalPush", "externalSubmit", "lazySubmit")
                    .and(takesArguments(1))
                    .and(takesArgument(0, named("java.util.concurrent.ForkJoinTask")))))
            .visit(Advice.to(SubmitSecond.class).on(named("poolSubmit")
                .and(takesArguments(2))
                .and(takesArgument(1, named("java.util.concurrent.ForkJoinTask"))))));
  }

  static final class Fork {
    private Fork() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object task) {
      TaskContexts.attach(task);
    }
  }

  static final class Exec {
    private Exec() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(@Advice.This Object task) {
      return Stages.enterTask(TaskContexts.detach(task));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter int token) {
      Stages.exitTask(token);
    }
  }

  static final class SubmitFirst {
    private SubmitFirst() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object task) {
      TaskContexts.attach(task);
    }
  }

  static final class SubmitSecond {
    private SubmitSecond() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) Object task) {
      TaskContexts.attach(task);
    }
  }
}
