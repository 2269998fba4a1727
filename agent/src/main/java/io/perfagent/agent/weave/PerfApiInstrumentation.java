package io.perfagent.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.perfagent.bootstrap.Stages;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Gives the no-op methods of {@code io.perfagent.Perf} (in the application's perf-api jar)
 * their meaning: records and bytes go to the innermost stage, {@code stage(name)} opens a
 * block stage and {@code Stage.close()} closes it.
 */
final class PerfApiInstrumentation implements Instrumentation {

  @Override
  public AgentBuilder extend(AgentBuilder builder) {
    return builder
        .type(named("io.perfagent.Perf"))
        .transform((b, type, loader, module, domain) -> b
            .visit(Advice.to(Records.class).on(named("records").and(takesArguments(long.class))))
            .visit(Advice.to(Bytes.class).on(named("bytes").and(takesArguments(long.class))))
            .visit(Advice.to(Open.class).on(named("stage").and(takesArguments(String.class)))))
        .type(named("io.perfagent.Perf$Stage"))
        .transform((b, type, loader, module, domain) -> b
            .visit(Advice.to(Close.class).on(named("close").and(takesArguments(0)))));
  }

  static final class Records {
    private Records() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) long n) {
      Stages.records(n);
    }
  }

  static final class Bytes {
    private Bytes() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) long n) {
      Stages.bytes(n);
    }
  }

  static final class Open {
    private Open() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) String name) {
      Stages.enterBlock(name);
    }
  }

  static final class Close {
    private Close() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
      Stages.exitBlock();
    }
  }
}
