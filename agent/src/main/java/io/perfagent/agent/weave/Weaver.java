package io.perfagent.agent.weave;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.rules.RuleMatches;
import io.perfagent.agent.rules.StageRule;
import java.lang.annotation.Annotation;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the weaving transformer with all instrumentations, retransformation allowed (the
 * woven classes keep their shape, so classes loaded before the agent can be woven too: the
 * JDK's executors and {@code Thread}; everything, when attached late).
 */
public final class Weaver {

  // set once by install; a later attach adds stage rules through them
  private static volatile Instrumentation installed;
  private static volatile RuleInstrumentation ruleWeaving;

  private Weaver() {}

  /** Installs weaving without stage rules. */
  public static void install(Instrumentation inst, boolean late) {
    install(inst, late, List.of());
  }

  /**
   * Registers the weaving transformer and retransforms what is already loaded and needs it:
   * the JDK's executors and {@code Thread} always; when attached late, also the application's
   * {@code @Monitored} classes and the classes {@code rules} name.
   */
  public static void install(Instrumentation inst, boolean late, List<StageRule> rules) {
    // first: building the instrumentations below loads the stage stack (their hooks name it)
    inst.addTransformer(InlineHints.transformer(), false);
    // in order: where two change one method, the first one's hooks run outermost (a Thread
    // subclass's @Monitored run() is a stage inside the context start() handed over)
    RuleInstrumentation byRule = new RuleInstrumentation();
    byRule.add(rules);
    ClassWeaver weaver = new ClassWeaver(List.of(
        new ThreadInstrumentation(),
        new MonitoredInstrumentation(),
        byRule,
        new PerfApiInstrumentation(),
        new ThreadPoolExecutorInstrumentation(),
        new ForkJoinInstrumentation()));
    inst.addTransformer(new WeavingTransformer(weaver, byRule), true);
    installed = inst;
    ruleWeaving = byRule;
    long t0 = System.nanoTime();
    int n = retransform(inst, late, byRule.rules());
    AgentLog.debug("retransformed " + n + " loaded classes in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  /**
   * Puts {@code rules} in force in the running agent (a later attach) and weaves the loaded
   * classes they apply to; returns how many classes were retransformed, or -1 when no agent
   * is installed in this class loader's view.
   */
  public static int addRules(List<StageRule> rules) {
    Instrumentation inst = installed;
    RuleInstrumentation byRule = ruleWeaving;
    if (inst == null || byRule == null) {
      return -1;
    }
    RuleSet added = new RuleSet(rules, new RuleMatches()); // only to find their classes
    byRule.add(rules);
    List<Class<?>> targets = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (!c.isArray() && !c.isPrimitive() && inst.isModifiableClass(c)
          && added.wantsLoaded(c)) {
        targets.add(c);
      }
    }
    retransform(inst, targets);
    return targets.size();
  }

  /** What each stage rule wove so far (empty before install). */
  public static RuleMatches ruleMatches() {
    RuleInstrumentation byRule = ruleWeaving;
    return byRule == null ? RuleSet.NONE.matches : byRule.rules().matches;
  }

  private static int retransform(Instrumentation inst, boolean late, RuleSet rules) {
    List<Class<?>> targets = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.isArray() || c.isPrimitive() || !inst.isModifiableClass(c)) {
        continue;
      }
      String internal = c.getName().replace('.', '/');
      if (c.getClassLoader() == null ? WeavingTransformer.JDK_TARGETS.contains(internal)
          : late && (loadedTarget(c) || rules.wantsLoaded(c))) {
        targets.add(c);
      }
    }
    retransform(inst, targets);
    return targets.size();
  }

  private static void retransform(Instrumentation inst, List<Class<?>> targets) {
    if (targets.isEmpty()) {
      return;
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
}
