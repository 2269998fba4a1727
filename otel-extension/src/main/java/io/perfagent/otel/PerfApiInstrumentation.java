package io.perfagent.otel;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import io.perfagent.bootstrap.Stages;
import io.perfagent.otel.helper.StageSpans;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Gives the no-op methods of {@code io.perfagent.Perf} and {@code Perf.Stage} (in the
 * application's perf-api jar) their meaning, as perf.jar does: records and bytes go to the
 * innermost stage, {@code stage(name)} opens a block stage (a span of the agent's tracer when it
 * stays a span) and {@code Stage.close()} closes it, {@code traceparent()} names the innermost
 * stage.
 */
final class PerfApiInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf("io.perfagent.Perf", "io.perfagent.Perf$Stage");
  }

  @Override
  public void transform(TypeTransformer t) {
    String me = PerfApiInstrumentation.class.getName();
    t.applyAdviceToMethod(named("records").and(takesArguments(long.class)), me + "$Records");
    t.applyAdviceToMethod(named("bytes").and(takesArguments(long.class)), me + "$Bytes");
    t.applyAdviceToMethod(named("stage").and(takesArguments(String.class)), me + "$Open");
    t.applyAdviceToMethod(named("stage").and(takesArguments(2))
        .and(takesArgument(0, String.class)).and(takesArgument(1, String.class)),
        me + "$OpenRemote");
    t.applyAdviceToMethod(named("traceparent").and(takesArguments(0)), me + "$Traceparent");
    t.applyAdviceToMethod(named("close").and(takesArguments(0)), me + "$Close");
  }

  @SuppressWarnings("unused")
  public static final class Records {
    private Records() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) long n) {
      Stages.records(n);
    }
  }

  @SuppressWarnings("unused")
  public static final class Bytes {
    private Bytes() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) long n) {
      Stages.bytes(n);
    }
  }

  @SuppressWarnings("unused")
  public static final class Open {
    private Open() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) String name) {
      Stages.enterBlock(name);
      StageSpans.openBlock(name);
    }
  }

  @SuppressWarnings("unused")
  public static final class OpenRemote {
    private OpenRemote() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) String name,
        @Advice.Argument(1) String traceparent) {
      Stages.enterRemoteBlock(name, traceparent);
      StageSpans.openBlock(name);
    }
  }

  @SuppressWarnings("unused")
  public static final class Close {
    private Close() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
      StageSpans.closeBlock();
    }
  }

  @SuppressWarnings("unused")
  public static final class Traceparent {
    private Traceparent() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) String header) {
      header = Stages.traceparent(header);
    }
  }
}
