package io.perfagent.agent.weave;

import io.perfagent.agent.weave.Hook.Arg;
import io.perfagent.bootstrap.Hooks;
import io.perfagent.bootstrap.Stages;

/**
 * {@code new Thread(…).start()} from inside a stage: the thread runs as a child of that stage.
 * The context is captured at {@code start()} (not for pool workers, which executors start on
 * their own) and restored around {@code run()}, in {@code Thread} and in application subclasses
 * that override it.
 */
final class ThreadInstrumentation implements Instrumentation {

  private static final String THREAD = "java/lang/Thread";
  private static final Advice START = Advice.onEnter(
      Hook.to(Hooks.class, "threadStart", Arg.self()));
  private static final Advice RUN = Advice.around(
      Hook.to(Hooks.class, "threadRun", Arg.self()),
      Hook.to(Stages.class, "exitTask", Arg.entered()));

  @Override
  public MethodRewrite rewrite(TypeInfo type, MethodInfo method, ClassLoader loader) {
    if (method.isStatic()) {
      return null;
    }
    if (type.named(THREAD)) {
      return loader != null ? null
          : method.takes("start") ? START : method.takes("run") ? RUN : null;
    }
    return loader != null && THREAD.equals(type.superName) && method.takes("run") ? RUN : null;
  }
}
