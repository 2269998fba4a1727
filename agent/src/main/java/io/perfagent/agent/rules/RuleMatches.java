package io.perfagent.agent.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each rule wove: rule → classes → methods, for the exit lines. Written at weave time
 * (class loading, retransformation), never by woven code. Bounded: a rule weaves at most
 * {@link #MAX_CLASSES} classes (a rule on a widely implemented interface would otherwise weave,
 * and register stages for, every implementation the application loads); the methods of the
 * classes past that run unmeasured and are counted.
 */
public final class RuleMatches {

  /** Classes one rule may weave. */
  public static final int MAX_CLASSES = 200;
  /** Methods listed per rule in the exit lines; the rest are counted. */
  private static final int MAX_LISTED = 12;

  private final Map<StageRule, Map<String, Set<String>>> woven = new LinkedHashMap<>();
  private final Map<StageRule, Integer> refused = new LinkedHashMap<>();

  /** Takes a rule in, in the order of the configuration; it has matched nothing yet. */
  public synchronized void add(StageRule rule) {
    woven.putIfAbsent(rule, new LinkedHashMap<>());
  }

  public synchronized List<StageRule> rules() {
    return new ArrayList<>(woven.keySet());
  }

  /**
   * Whether {@code rule} may weave {@code className}: a class it wove before (woven again by a
   * retransformation), or one more within its bound. Each method refused is counted.
   */
  public synchronized boolean admits(StageRule rule, String className) {
    Map<String, Set<String>> classes = woven.computeIfAbsent(rule, r -> new LinkedHashMap<>());
    if (classes.containsKey(className) || classes.size() < MAX_CLASSES) {
      return true;
    }
    refused.merge(rule, 1, Integer::sum);
    return false;
  }

  /** Records that {@code rule} wove {@code method} (e.g. {@code parse(String,int)}). */
  public synchronized void record(StageRule rule, String className, String method) {
    woven.computeIfAbsent(rule, r -> new LinkedHashMap<>())
        .computeIfAbsent(className, c -> new LinkedHashSet<>()).add(method);
  }

  /** The classes {@code rule} wove so far, with their methods. */
  public synchronized Map<String, Set<String>> wovenBy(StageRule rule) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Map<String, Set<String>> classes = woven.get(rule);
    if (classes != null) {
      classes.forEach((c, m) -> out.put(c, new LinkedHashSet<>(m)));
    }
    return out;
  }

  /**
   * One line per rule, {@code rule → Class.method(Types), ...} or {@code rule → matched
   * nothing}, under a heading line; nothing when there are no rules.
   */
  public synchronized List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (woven.isEmpty()) {
      return lines;
    }
    int matched = 0;
    for (Map<String, Set<String>> classes : woven.values()) {
      matched += classes.isEmpty() ? 0 : 1;
    }
    lines.add("stage rules: " + matched + " of " + woven.size() + " matched (rule → methods "
        + "woven)");
    for (Map.Entry<StageRule, Map<String, Set<String>>> e : woven.entrySet()) {
      lines.add("  " + e.getKey().text() + " → "
          + methods(e.getValue(), refused.get(e.getKey())));
    }
    return lines;
  }

  private static String methods(Map<String, Set<String>> classes, Integer refused) {
    if (classes.isEmpty()) {
      return "matched nothing";
    }
    StringBuilder b = new StringBuilder();
    int listed = 0;
    int total = 0;
    for (Map.Entry<String, Set<String>> c : classes.entrySet()) {
      for (String m : c.getValue()) {
        total++;
        if (listed < MAX_LISTED) {
          b.append(listed == 0 ? "" : ", ").append(c.getKey()).append('.').append(m);
          listed++;
        }
      }
    }
    if (total > listed) {
      b.append(" and ").append(total - listed).append(" more (").append(classes.size())
          .append(" classes)");
    }
    if (refused != null) {
      b.append("; ").append(refused).append(" methods of further classes left unwoven (at "
          + "most ").append(MAX_CLASSES).append(" classes a rule)");
    }
    return b.toString();
  }
}
