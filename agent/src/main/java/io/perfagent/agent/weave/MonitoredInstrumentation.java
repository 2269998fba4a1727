package io.perfagent.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.ThreadState;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Weaves every method annotated {@code @io.perfagent.Monitored}, or every public method of a
 * type so annotated, matched by the annotation's name so the application needs nothing from
 * the agent. Each woven method gets its stage id as a constant.
 */
final class MonitoredInstrumentation implements Instrumentation {

  static final String MONITORED = "io.perfagent.Monitored";

  @Override
  public AgentBuilder extend(AgentBuilder builder) {
    return builder
        .type(isAnnotatedWith(named(MONITORED))
                .or(declaresMethod(isAnnotatedWith(named(MONITORED)))),
            not(isBootstrapClassLoader()))
        .transform((b, type, loader, module, domain) -> weave(b, type));
  }

  private static DynamicType.Builder<?> weave(DynamicType.Builder<?> builder,
      TypeDescription type) {
    AnnotationDescription onType = find(type.getDeclaredAnnotations());
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (!weavable(method)) {
        continue;
      }
      AnnotationDescription onMethod = find(method.getDeclaredAnnotations());
      AnnotationDescription source = onMethod != null ? onMethod
          : onType != null && method.isPublic() ? onType : null;
      if (source == null) {
        continue;
      }
      String codeFunction = type.getName() + "." + method.getName();
      String name = onMethod != null ? stringValue(onMethod, "value") : "";
      if (name.isEmpty()) {
        name = type.getSimpleName() + "." + method.getName();
      }
      int mode = mode(source);
      int id = StageRegistry.register(name, stringValue(source, "pipeline"), mode,
          codeFunction);
      builder = builder.visit(Advice.withCustomMapping()
          .bind(StageId.class, id)
          .bind(StageMode.class, mode)
          .to(MonitoredAdvice.class)
          .on(is(method)));
    }
    return builder;
  }

  private static boolean weavable(MethodDescription method) {
    return method.isMethod() && !method.isAbstract() && !method.isNative()
        && !method.isBridge() && !method.isSynthetic();
  }

  private static AnnotationDescription find(AnnotationList annotations) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(MONITORED)) {
        return a;
      }
    }
    return null;
  }

  private static String stringValue(AnnotationDescription a, String property) {
    try {
      AnnotationValue<?, ?> v = a.getValue(property);
      Object resolved = v.resolve();
      return resolved instanceof String ? (String) resolved : "";
    } catch (RuntimeException e) {
      return ""; // default value not resolvable: the default is ""
    }
  }

  private static int mode(AnnotationDescription a) {
    try {
      Object resolved = a.getValue("mode").resolve();
      String mode = resolved instanceof EnumerationDescription
          ? ((EnumerationDescription) resolved).getValue()
          : String.valueOf(resolved);
      switch (mode) {
        case "SPAN":
          return StageInfo.MODE_SPAN;
        case "AGGREGATE":
          return StageInfo.MODE_AGGREGATE;
        default:
          return StageInfo.MODE_AUTO;
      }
    } catch (RuntimeException e) {
      return StageInfo.MODE_AUTO;
    }
  }

  /** Inlined into every stage method. */
  static final class MonitoredAdvice {

    private MonitoredAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static ThreadState enter(@StageId int stageId, @StageMode int mode) {
      return Stages.enterStage(stageId, mode);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter ThreadState state, @StageId int stageId,
        @Advice.Thrown Throwable error) {
      Stages.exitStage(state, stageId, error);
    }
  }
}
