package io.perfagent.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.perfagent.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs all instrumentations on one {@code AgentBuilder}: retransformation, so classes
 * loaded before the agent (the JDK's executors; everything, when attached late) are woven too,
 * and no class format changes, so retransformation is allowed.
 */
public final class Weaver {

  private static final AtomicLong WOVEN = new AtomicLong();
  private static final AtomicLong FAILED = new AtomicLong();

  private Weaver() {}

  public static void install(Instrumentation inst) {
    // Byte Buddy's "safe" mode: no sun.misc.Unsafe (JDK 24+ warns about it on stderr). The
    // key is read under Byte Buddy's relocated package name, so derive it from a class.
    String safe = ByteBuddy.class.getPackage().getName() + ".safe";
    if (System.getProperty(safe) == null) {
      System.setProperty(safe, "true");
    }
    AgentBuilder builder = new AgentBuilder.Default(
            new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .with(new Listener())
        .ignore(nameStartsWith("net.bytebuddy.")
            .or(nameStartsWith("io.perfagent.shaded."))
            .or(nameStartsWith("io.perfagent.agent."))
            .or(nameStartsWith("io.perfagent.bootstrap."))
            .or(nameStartsWith("jdk.internal.reflect."))
            .or(nameStartsWith("sun.reflect."))
            .or(nameStartsWith("java.lang.invoke."))
            .or(isSynthetic()));
    for (io.perfagent.agent.weave.Instrumentation each : List.of(
        new MonitoredInstrumentation(),
        new PerfApiInstrumentation(),
        new ThreadPoolExecutorInstrumentation(),
        new ForkJoinInstrumentation(),
        new ThreadInstrumentation())) {
      builder = each.extend(builder);
    }
    builder.installOn(inst);
  }

  public static long wovenTypes() {
    return WOVEN.get();
  }

  public static long failedTypes() {
    return FAILED.get();
  }

  /** Counts woven types; a type that cannot be woven is said once and runs unwoven. */
  private static final class Listener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
        boolean loaded, DynamicType dynamicType) {
      WOVEN.incrementAndGet();
      AgentLog.debug("wove " + type.getName());
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
        Throwable throwable) {
      FAILED.incrementAndGet();
      AgentLog.failure("weave:" + typeName, "could not weave " + typeName
          + " (it runs unmeasured)", throwable);
    }
  }
}
