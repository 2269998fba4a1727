package io.perfagent.agent.weave;

import io.perfagent.agent.weave.Hook.Arg;
import io.perfagent.bootstrap.StageRegistry;
import io.perfagent.bootstrap.Stages;

/**
 * Weaves every method annotated {@code @io.perfagent.Monitored}, or every public method of a
 * type so annotated, matched by the annotation's name so the application needs nothing from
 * the agent. Each woven method gets its stage id and mode as constants.
 */
final class MonitoredInstrumentation implements Instrumentation {

  static final String MONITORED = "io.perfagent.Monitored";

  @Override
  public MethodRewrite rewrite(TypeInfo type, MethodInfo method, ClassLoader loader) {
    if (loader == null) {
      return null;
    }
    MonitoredAnnotation source = method.monitored != null ? method.monitored
        : type.monitored != null && method.isPublic() ? type.monitored : null;
    if (source == null) {
      return null;
    }
    String name = StageRegistry.methodStageName(
        method.monitored != null ? method.monitored.value : "", type.simpleName, method.name);
    int id = StageRegistry.register(name, source.pipeline, source.mode,
        type.className() + "." + method.name);
    return Advice.around(
        Hook.to(Stages.class, "enterStage", Arg.constant(id), Arg.constant(source.mode)),
        Hook.to(Stages.class, "exitStage", Arg.entered(), Arg.constant(id), Arg.thrown()));
  }
}
