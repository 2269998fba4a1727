package io.perfagent.analysis.slo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objectives in force: the defaults overlaid with the user's rules (syntax in the package
 * doc). Immutable.
 */
public final class SloConfig {

  public static final double DEFAULT_ERROR_RATE_WARNING = 0.05;
  public static final double DEFAULT_ERROR_RATE_CRITICAL = 0.10;
  public static final double DEFAULT_CPU_WARNING = 0.85;
  public static final double DEFAULT_CPU_CRITICAL = 0.95;
  public static final double DEFAULT_MEMORY_WARNING = 0.90;
  public static final double DEFAULT_MEMORY_CRITICAL = 0.95;
  public static final String DEFAULT_RULES = "pipeline:*:error_rate<5%/10%;"
      + "stage:*:error_rate<5%/10%;cpu<85%/95%;memory<90%/95%";

  private static final SloConfig DEFAULTS = new SloConfig(SloParser.parseRules(DEFAULT_RULES));

  private final Map<String, SloRule> rules;

  private SloConfig(List<SloRule> ordered) {
    Map<String, SloRule> m = new LinkedHashMap<>();
    for (SloRule r : ordered) {
      m.put(key(r.scope(), r.name(), r.metric()), r); // a later rule replaces an earlier one
    }
    rules = Collections.unmodifiableMap(m);
  }

  public static SloConfig defaults() {
    return DEFAULTS;
  }

  /**
   * The defaults overlaid with {@code spec}; blank means the defaults.
   *
   * @throws IllegalArgumentException naming the first bad rule
   */
  public static SloConfig parse(String spec) {
    List<SloRule> all = new ArrayList<>(DEFAULTS.rules.values());
    if (spec != null && !spec.isBlank()) {
      all.addAll(SloParser.parseRules(spec));
    }
    return new SloConfig(all);
  }

  /** Every rule in force (off rules included), defaults first. */
  public List<SloRule> rules() {
    return List.copyOf(rules.values());
  }

  /** The rule for a named stage or pipeline, else its wildcard rule; null when none or off. */
  public SloRule ruleFor(String scope, String name, SloMetric metric) {
    SloRule r = rules.get(key(scope, name, metric));
    if (r == null) {
      r = rules.get(key(scope, "*", metric));
    }
    return r == null || r.isOff() ? null : r;
  }

  /** The metrics that have a rule (named or wildcard) in a scope. */
  public List<SloMetric> metricsIn(String scope) {
    List<SloMetric> out = new ArrayList<>();
    for (SloRule r : rules.values()) {
      if (r.scope().equals(scope) && !out.contains(r.metric())) {
        out.add(r.metric());
      }
    }
    return out;
  }

  private static String key(String scope, String name, SloMetric metric) {
    return scope + '\u0000' + name + '\u0000' + metric.id();
  }
}
