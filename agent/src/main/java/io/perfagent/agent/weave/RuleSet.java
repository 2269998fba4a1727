package io.perfagent.agent.weave;

import io.perfagent.agent.rules.RuleMatches;
import io.perfagent.agent.rules.StageRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stage rules in force, immutable: a later attach makes a new set with more rules. Knows
 * the classes the rules name (their targets), answers which rules apply to a class from its
 * name and super types, and which methods a target declares (what {@code Type#*} means below
 * an interface or abstract class).
 */
final class RuleSet {

  static final RuleSet NONE = new RuleSet(List.of(), new RuleMatches());

  final List<StageRule> rules;
  final RuleMatches matches;
  private final SuperTypes superTypes;
  private final Map<String, Set<String>> declared = new ConcurrentHashMap<>();

  RuleSet(List<StageRule> rules, RuleMatches matches) {
    this.rules = List.copyOf(rules);
    this.matches = matches;
    Set<String> targets = new HashSet<>();
    for (StageRule r : rules) {
      targets.add(r.internalName());
      matches.add(r);
    }
    this.superTypes = new SuperTypes(targets);
  }

  /** This set and {@code more}, the rules already in force (same text) left out of those. */
  RuleSet with(List<StageRule> more) {
    List<StageRule> all = new ArrayList<>(rules);
    Set<String> texts = new HashSet<>();
    for (StageRule r : rules) {
      texts.add(r.text());
    }
    for (StageRule r : more) {
      if (texts.add(r.text())) {
        all.add(r);
      }
    }
    return new RuleSet(all, matches);
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether a rule may apply to the class {@code header} describes (no method looked at). */
  boolean wants(ClassLoader loader, ClassHeader header) {
    return wants(loader, null, header);
  }

  /** As {@link #wants(ClassLoader, ClassHeader)}, knowing where the class comes from. */
  boolean wants(ClassLoader loader, java.security.ProtectionDomain domain, ClassHeader header) {
    return loader != null && !SuperTypes.isJdk(header.name) && !agentOwn(loader)
        && superTypes.targetsOf(loader, domain, header).length > 0;
  }

  /** The agent's own class loader (its samplers': OSHI, JNA) holds nothing a rule is for. */
  private static boolean agentOwn(ClassLoader loader) {
    return loader.getClass().getName().startsWith("io.perfagent.agent.resource.");
  }

  /** The rules whose target the class is or is below, in configuration order. */
  List<StageRule> applying(ClassLoader loader, ClassHeader header) {
    if (loader == null || isEmpty() || SuperTypes.isJdk(header.name) || agentOwn(loader)) {
      return List.of();
    }
    String[] targets = superTypes.targetsOf(loader, header);
    if (targets.length == 0) {
      return List.of();
    }
    List<StageRule> out = new ArrayList<>();
    for (StageRule r : rules) {
      for (String t : targets) {
        if (t.equals(r.internalName())) {
          out.add(r);
          break;
        }
      }
    }
    return out;
  }

  /**
   * The instance methods {@code target} declares, read from its class file through
   * {@code loader}; empty when it cannot be read. Cached per target.
   */
  Set<String> declaredBy(ClassLoader loader, String target) {
    Set<String> known = declared.get(target);
    if (known != null) {
      return known;
    }
    byte[] bytes = SuperTypes.classFile(loader, target);
    Set<String> names = bytes == null ? null : ClassBytes.instanceMethodNames(bytes);
    Set<String> out = names == null ? Set.of() : Collections.unmodifiableSet(names);
    declared.put(target, out);
    return out;
  }

  /**
   * Whether a loaded class (a late attach) is named by a rule, or extends or implements a
   * class so named; by reflection, which is safe outside a class file transformer.
   */
  boolean wantsLoaded(Class<?> c) {
    try {
      if (isEmpty() || c.getClassLoader() == null
          || SuperTypes.isJdk(c.getName().replace('.', '/'))) {
        return false;
      }
      Set<String> names = new HashSet<>();
      for (StageRule r : rules) {
        names.add(r.className());
      }
      return below(c, names, 0);
    } catch (Throwable t) {
      return false; // a class whose super types cannot be resolved: leave it alone
    }
  }

  private static boolean below(Class<?> c, Set<String> names, int depth) {
    if (c == null || depth > 40) {
      return false;
    }
    if (names.contains(c.getName())) {
      return true;
    }
    for (Class<?> i : c.getInterfaces()) {
      if (below(i, names, depth + 1)) {
        return true;
      }
    }
    return below(c.getSuperclass(), names, depth + 1);
  }
}
