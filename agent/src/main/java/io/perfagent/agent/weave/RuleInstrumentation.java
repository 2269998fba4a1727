package io.perfagent.agent.weave;

import io.perfagent.agent.rules.RuleMatches;
import io.perfagent.agent.rules.StageRule;
import io.perfagent.agent.weave.Hook.Arg;
import io.perfagent.bootstrap.StageRegistry;
import io.perfagent.bootstrap.Stages;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;

/**
 * Weaves the methods that stage rules name exactly as {@link MonitoredInstrumentation} weaves
 * annotated ones (same hooks, stage registered with the rule's name, pipeline and mode). In
 * the class a rule names: the methods of that name, static ones and any access included, or
 * for a pattern the public ones. Below it (a class extending or implementing it): the
 * instance methods of that name, or for a pattern the public ones that the named class
 * declares. A method already annotated, or taken by an earlier rule, is left to that one.
 * Never a JDK class, never a class of the bootstrap loader.
 */
final class RuleInstrumentation implements Instrumentation {

  private volatile RuleSet rules = new RuleSet(List.of(), new RuleMatches());

  RuleSet rules() {
    return rules;
  }

  /** Puts {@code more} in force from now on; returns the new set. */
  synchronized RuleSet add(List<StageRule> more) {
    RuleSet next = rules.with(more);
    rules = next;
    return next;
  }

  @Override
  public MethodRewrite rewrite(TypeInfo type, MethodInfo method, ClassLoader loader) {
    RuleSet set = rules;
    if (loader == null || set.isEmpty() || method.monitored != null
        || (type.monitored != null && method.isPublic())) {
      return null;
    }
    if (type.rules == null) {
      type.rules = set.applying(loader, type.header);
    }
    for (StageRule rule : type.rules) {
      boolean named = rule.internalName().equals(type.internalName);
      if (!matches(set, rule, named, method, loader)) {
        continue;
      }
      String className = type.className();
      if (!set.matches.admits(rule, className)) {
        return null;
      }
      int id = StageRegistry.register(rule.stageName(type.simpleName, method.name),
          rule.pipeline(), rule.mode(), className + "." + method.name);
      set.matches.record(rule, className, method.name + "(" + simpleParameters(method) + ")");
      return Advice.around(
          Hook.to(Stages.class, "enterStage", Arg.constant(id), Arg.constant(rule.mode())),
          Hook.to(Stages.class, "exitStage", Arg.entered(), Arg.constant(id), Arg.thrown()));
    }
    return null;
  }

  private static boolean matches(RuleSet set, StageRule rule, boolean named, MethodInfo method,
      ClassLoader loader) {
    if (!rule.matchesName(method.name) || (rule.isPattern() && !method.isPublic())) {
      return false;
    }
    if (!named && (method.isStatic() || (rule.isPattern()
        && !set.declaredBy(loader, rule.internalName()).contains(method.name)))) {
      return false;
    }
    return rule.parameters() == null || rule.matchesParameters(parameterNames(method));
  }

  /** As {@code Class.getName()} names them, arrays as {@code int[]}. */
  private static List<String> parameterNames(MethodInfo method) {
    Type[] types = Type.getArgumentTypes(method.descriptor);
    List<String> out = new ArrayList<>(types.length);
    for (Type t : types) {
      out.add(t.getClassName());
    }
    return out;
  }

  private static String simpleParameters(MethodInfo method) {
    StringBuilder b = new StringBuilder();
    for (String p : parameterNames(method)) {
      b.append(b.length() == 0 ? "" : ",").append(p.substring(p.lastIndexOf('.') + 1));
    }
    return b.toString();
  }
}
