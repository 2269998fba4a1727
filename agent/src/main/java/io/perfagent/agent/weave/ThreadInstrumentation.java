package io.perfagent.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.TaskContexts;
import java.util.concurrent.ForkJoinWorkerThread;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code new Thread(…).start()} from inside a stage: the thread runs as a child of that stage.
 * The context is captured at {@code start()} (not for pool workers, which executors start on
 * their own) and restored around {@code run()}, in {@code Thread} and in application subclasses
 * that override it.
 */
final class ThreadInstrumentation implements Instrumentation {

  @Override
  public AgentBuilder extend(AgentBuilder builder) {
    return builder
        .type(named("java.lang.Thread"))
        .transform((b, type, loader, module, domain) -> b
            .visit(Advice.to(Start.class).on(named("start").and(takesArguments(0))))
            .visit(Advice.to(Run.class).on(named("run").and(takesArguments(0)))))
        .type(hasSuperClass(named("java.lang.Thread")).and(not(named("java.lang.Thread"))),
            not(isBootstrapClassLoader()))
        .transform((b, type, loader, module, domain) -> b
            .visit(Advice.to(Run.class).on(named("run").and(takesArguments(0)))));
  }

  static final class Start {
    private Start() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread) {
      if (!(thread instanceof ForkJoinWorkerThread)) {
        TaskContexts.attachThread(thread);
      }
    }
  }

  static final class Run {
    private Run() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(@Advice.This Thread thread) {
      return thread == Thread.currentThread()
          ? Stages.enterTask(TaskContexts.detach(thread))
          : 0;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter int token) {
      Stages.exitTask(token);
    }
  }
}
