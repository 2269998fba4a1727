package io.perfagent.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.perfagent.agent.log.AgentLog;
import java.lang.annotation.Annotation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
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

  private Weaver() {}

  /**
   * Registers the weaving transformer and retransforms what is already loaded and needs it:
   * the JDK's executors and {@code Thread} always; when attached late, also the application's
   * {@code @Monitored} classes.
   */
  public static void install(Instrumentation inst, boolean late) {
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
    ClassFileTransformer transformer = new PrefilteringTransformer(builder.makeRaw());
    inst.addTransformer(transformer, true);
    retransform(inst, late);
  }

  private static void retransform(Instrumentation inst, boolean late) {
    List<Class<?>> targets = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.isArray() || c.isPrimitive() || !inst.isModifiableClass(c)) {
        continue;
      }
      String internal = c.getName().replace('.', '/');
      if (c.getClassLoader() == null ? PrefilteringTransformer.JDK_TARGETS.contains(internal)
          : late && loadedTarget(c)) {
        targets.add(c);
      }
    }
    try {
      inst.retransformClasses(targets.toArray(new Class<?>[0]));
    } catch (Throwable batch) {
      for (Class<?> c : targets) { // one bad class must not keep the others unwoven
        try {
          inst.retransformClasses(c);
        } catch (Throwable t) {
          AgentLog.failure("retransform:" + c.getName(), "could not weave " + c.getName()
              + " (it runs unmeasured)", t);
        }
      }
    }
  }

  /** A class loaded before a late attach that the transformer would weave. */
  private static boolean loadedTarget(Class<?> c) {
    try {
      String name = c.getName();
      if (name.startsWith("io.perfagent.shaded.") || name.startsWith("io.perfagent.agent.")
          || name.startsWith("io.perfagent.bootstrap.")) {
        return false;
      }
      if (name.equals("io.perfagent.Perf") || name.equals("io.perfagent.Perf$Stage")
          || c.getSuperclass() == Thread.class || monitored(c.getDeclaredAnnotations())) {
        return true;
      }
      for (Method m : c.getDeclaredMethods()) {
        if (monitored(m.getDeclaredAnnotations())) {
          return true;
        }
      }
      return false;
    } catch (Throwable t) {
      return false; // a class whose members cannot be resolved: leave it alone
    }
  }

  private static boolean monitored(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a.annotationType().getName().equals(MonitoredInstrumentation.MONITORED)) {
        return true;
      }
    }
    return false;
  }

  /** Says (with debug) what it wove; a type that cannot be woven is said once and runs unwoven. */
  private static final class Listener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
        boolean loaded, DynamicType dynamicType) {
      AgentLog.debug("wove " + type.getName());
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
        Throwable throwable) {
      AgentLog.failure("weave:" + typeName, "could not weave " + typeName
          + " (it runs unmeasured)", throwable);
    }
  }
}
