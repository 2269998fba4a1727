package io.perfagent.agent.weave;

import io.perfagent.agent.weave.Hook.Arg;
import io.perfagent.bootstrap.Stages;

/**
 * Gives the no-op methods of {@code io.perfagent.Perf} (in the application's perf-api jar)
 * their meaning: records and bytes go to the innermost stage, {@code stage(name)} opens a
 * block stage and {@code Stage.close()} closes it; {@code traceparent()} answers with the
 * innermost stage's W3C header, and {@code stage(name, traceparent)} opens a block stage as the
 * child of the stage in another process that sent it.
 */
final class PerfApiInstrumentation implements Instrumentation {

  private static final Advice RECORDS = Advice.onEnter(
      Hook.to(Stages.class, "records", Arg.parameter(0)));
  private static final Advice BYTES = Advice.onEnter(
      Hook.to(Stages.class, "bytes", Arg.parameter(0)));
  private static final Advice OPEN = Advice.onEnter(
      Hook.to(Stages.class, "enterBlock", Arg.parameter(0)));
  private static final Advice CLOSE = Advice.onEnter(Hook.to(Stages.class, "exitBlock"));
  private static final Advice OPEN_REMOTE = Advice.onEnter(
      Hook.to(Stages.class, "enterRemoteBlock", Arg.parameter(0), Arg.parameter(1)));
  private static final Advice TRACEPARENT = Advice.filterReturn(
      Hook.to(Stages.class, "traceparent", Arg.returned()));

  @Override
  public MethodRewrite rewrite(TypeInfo type, MethodInfo method, ClassLoader loader) {
    if (type.named("io/perfagent/Perf")) {
      return method.takes("records", "J") ? RECORDS
          : method.takes("bytes", "J") ? BYTES
          : method.takes("stage", "java/lang/String") ? OPEN
          : method.takes("stage", "java/lang/String", "java/lang/String") ? OPEN_REMOTE
          : method.takes("traceparent") ? TRACEPARENT : null;
    }
    if (type.named("io/perfagent/Perf$Stage")) {
      return method.takes("close") ? CLOSE : null;
    }
    return null;
  }
}
