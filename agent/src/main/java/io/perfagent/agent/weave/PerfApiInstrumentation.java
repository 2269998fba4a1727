package io.perfagent.agent.weave;

import io.perfagent.agent.weave.Hook.Arg;
import io.perfagent.bootstrap.Stages;

/**
 * Gives the no-op methods of {@code io.perfagent.Perf} (in the application's perf-api jar)
 * their meaning: records and bytes go to the innermost stage, {@code stage(name)} opens a
 * block stage and {@code Stage.close()} closes it.
 */
final class PerfApiInstrumentation implements Instrumentation {

  private static final Advice RECORDS = Advice.onEnter(
      Hook.to(Stages.class, "records", Arg.parameter(0)));
  private static final Advice BYTES = Advice.onEnter(
      Hook.to(Stages.class, "bytes", Arg.parameter(0)));
  private static final Advice OPEN = Advice.onEnter(
      Hook.to(Stages.class, "enterBlock", Arg.parameter(0)));
  private static final Advice CLOSE = Advice.onEnter(Hook.to(Stages.class, "exitBlock"));

  @Override
  public MethodRewrite rewrite(TypeInfo type, MethodInfo method, ClassLoader loader) {
    if (type.named("io/perfagent/Perf")) {
      return method.takes("records", "J") ? RECORDS
          : method.takes("bytes", "J") ? BYTES
          : method.takes("stage", "java/lang/String") ? OPEN : null;
    }
    if (type.named("io/perfagent/Perf$Stage")) {
      return method.takes("close") ? CLOSE : null;
    }
    return null;
  }
}
