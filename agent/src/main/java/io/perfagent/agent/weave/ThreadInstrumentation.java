package io.perfagent.agent.weave;

import io.perfagent.agent.weave.Hook.Arg;
import io.perfagent.bootstrap.Hooks;
import io.perfagent.bootstrap.Stages;

/**
 * {@code new Thread(…).start()} from inside a stage: the thread runs as a child of that stage.
 * The context is captured at {@code start()} (not for pool workers, which executors start on
 * their own) and restored around {@code run()}, in {@code Thread} and in application subclasses
 * that override it.
 *
 * <p>JDK 21+: threads that executors and {@code StructuredTaskScope} start go through the
 * package-private {@code start(ThreadContainer)}, not {@code start()}; a virtual thread
 * overrides both and runs its task in the private {@code VirtualThread.run(Runnable)}, not in
 * {@code Thread.run()}. Those are woven too, so {@code Thread.ofVirtual()},
 * {@code Executors.newVirtualThreadPerTaskExecutor()} and scopes carry the context. A virtual
 * thread's continuation, queued to its carrier pool at start and at each unpark, carries none:
 * the thread itself does, and a context per continuation would cost a table entry each.
 */
final class ThreadInstrumentation implements Instrumentation {

  private static final String THREAD = "java/lang/Thread";
  private static final String VIRTUAL_THREAD = "java/lang/VirtualThread";
  private static final String CONTAINER = "jdk/internal/vm/ThreadContainer";
  private static final Advice START = Advice.onEnter(
      Hook.to(Hooks.class, "threadStart", Arg.self()));
  /** Scheduling a virtual thread's continuation is the JDK's machinery, not a hand-off. */
  private static final Advice SCHEDULE = Advice.around(
      Hook.to(Hooks.class, "beginSubmit"),
      Hook.to(Hooks.class, "endSubmit", Arg.entered()));
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
          : method.takes("start") || method.takes("start", CONTAINER) ? START
          : method.takes("run") ? RUN : null;
    }
    if (type.named(VIRTUAL_THREAD)) {
      // start() calls start(ThreadContainer): hooking the latter alone sees each start once
      return loader != null ? null
          : method.takes("start", CONTAINER) ? START
          : method.takes("run", "java/lang/Runnable") ? RUN
          : method.name.contains("ubmitRunContinuation") ? SCHEDULE : null;
    }
    return loader != null && THREAD.equals(type.superName) && method.takes("run") ? RUN : null;
  }
}
