package io.perfagent.otel;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import io.perfagent.bootstrap.HostSpans;
import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.ThreadState;
import io.perfagent.otel.helper.StageSpans;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves every method annotated {@code @io.perfagent.Monitored}, and every public method of a
 * type so annotated, matched by the annotation's name (the agent remaps the extension's type
 * references, never its strings). Each woven method gets its stage id and mode as constants.
 */
final class MonitoredInstrumentation implements TypeInstrumentation {

  private static final ElementMatcher.Junction<TypeDescription> ANNOTATION =
      named(MonitoredMethod.MONITORED);

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return isAnnotatedWith(ANNOTATION).or(declaresMethod(isAnnotatedWith(ANNOTATION)));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isMethod().and(not(isAbstract())).and(not(isNative())).and(not(isBridge()))
            .and(not(isSynthetic()))
            .and(isAnnotatedWith(ANNOTATION)
                .or(isPublic().and(isDeclaredBy(isAnnotatedWith(ANNOTATION))))),
        StageMapping::bind,
        MonitoredInstrumentation.class.getName() + "$StageAdvice");
  }

  /**
   * A few lines around the method: the stage stack (cheap, the same as under perf.jar) and,
   * only when the call is a span, the agent's span.
   */
  @SuppressWarnings("unused")
  public static final class StageAdvice {

    private StageAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@StageId int stageId, @StageMode int mode,
        @Advice.Local("perfTask") int task,
        @Advice.Local("perfState") ThreadState state,
        @Advice.Local("perfLive") Object live) {
      state = HostSpans.inStage();
      if (state == null) { // outside stages: the parent may come with the agent's context
        task = StageSpans.task();
        state = Stages.enterStage(stageId, mode);
      } else {
        state = Stages.enterStageOn(state, stageId, mode);
      }
      live = StageSpans.open(state, stageId);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@StageId int stageId, @Advice.Thrown Throwable error,
        @Advice.Local("perfTask") int task,
        @Advice.Local("perfState") ThreadState state,
        @Advice.Local("perfLive") Object live) {
      StageSpans.close(state, stageId, error, live, task);
    }
  }
}
