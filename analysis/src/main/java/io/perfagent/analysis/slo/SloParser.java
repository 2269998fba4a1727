package io.perfagent.analysis.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the rule syntax of the package doc. */
public final class SloParser {

  private SloParser() {}

  /**
   * The rules of {@code spec}, in order.
   *
   * @throws IllegalArgumentException naming the first bad rule and what is wrong with it
   */
  public static List<SloRule> parseRules(String spec) {
    List<SloRule> out = new ArrayList<>();
    for (String raw : spec.split(";")) {
      String clause = raw.strip();
      if (clause.isEmpty()) {
        continue;
      }
      try {
        out.add(parseRule(clause));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad SLO rule '" + clause + "': " + e.getMessage(), e);
      }
    }
    return out;
  }

  static SloRule parseRule(String clause) {
    boolean off = clause.endsWith(":off");
    String body = off ? clause.substring(0, clause.length() - 4) : clause;
    String target;
    String condition;
    if (off) {
      int c = body.lastIndexOf(':');
      target = c < 0 ? "" : body.substring(0, c);
      condition = c < 0 ? body : body.substring(c + 1);
    } else {
      int lt = body.indexOf('<');
      if (lt < 0) {
        throw new IllegalArgumentException("expected metric<limit or metric:off");
      }
      String left = body.substring(0, lt);
      int c = left.lastIndexOf(':');
      target = c < 0 ? "" : left.substring(0, c);
      condition = body.substring(c + 1);
    }
    String scope;
    String name;
    if (target.isEmpty()) {
      scope = SloRule.RESOURCE;
      name = "";
    } else {
      int c = target.indexOf(':');
      if (c < 0) {
        throw new IllegalArgumentException("expected stage:NAME: or pipeline:NAME: before the metric");
      }
      scope = target.substring(0, c).strip();
      name = target.substring(c + 1).strip();
      if (!scope.equals(SloRule.STAGE) && !scope.equals(SloRule.PIPELINE)) {
        throw new IllegalArgumentException("scope must be stage or pipeline, not '" + scope + "'");
      }
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty " + scope + " name (use * for all)");
      }
    }
    String metricText = off ? condition.strip() : condition.substring(0, condition.indexOf('<')).strip();
    SloMetric metric = SloMetric.parse(metricText.toLowerCase(Locale.ROOT));
    if (metric.isResource() != scope.equals(SloRule.RESOURCE)) {
      throw new IllegalArgumentException(metric.isResource()
          ? metric.id() + " is a resource: write it without a scope"
          : metric.id() + " needs a scope: stage:NAME: or pipeline:NAME:");
    }
    if (metric.isResource()) {
      name = metric.id();
    }
    if (off) {
      return new SloRule(scope, name, metric, Double.NaN, Double.NaN, metric.id() + ":off");
    }
    String limits = condition.substring(condition.indexOf('<') + 1).strip();
    String[] parts = limits.split("/", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("at most two limits, warning/critical");
    }
    double first = parseLimit(parts[0], metric);
    double warning = Double.NaN;
    double critical = first;
    if (parts.length == 2) {
      warning = first;
      critical = parseLimit(parts[1], metric);
      if (warning > critical) {
        throw new IllegalArgumentException("the warning limit must not exceed the critical one");
      }
    }
    return new SloRule(scope, name, metric, warning, critical,
        metric.id() + "<" + limits.replace(" ", ""));
  }

  /** A latency in ns, or a rate as a fraction. */
  static double parseLimit(String text, SloMetric metric) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      throw new IllegalArgumentException("missing limit");
    }
    int i = 0;
    while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
      i++;
    }
    double v;
    try {
      v = Double.parseDouble(t.substring(0, i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: '" + text.strip() + "'");
    }
    String unit = t.substring(i).strip();
    if (metric.isLatency()) {
      double scale = switch (unit) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m", "min" -> 60e9;
        default -> throw new IllegalArgumentException(
            "a latency needs a unit (ns, us, ms, s, m): '" + text.strip() + "'");
      };
      return v * scale;
    }
    double f;
    if (unit.equals("%")) {
      f = v / 100;
    } else if (unit.isEmpty()) {
      f = v;
    } else {
      throw new IllegalArgumentException("a rate is a percentage or a fraction: '" + text.strip() + "'");
    }
    if (f > 1) {
      throw new IllegalArgumentException("a rate cannot exceed 100 %: '" + text.strip() + "'");
    }
    return f;
  }
}
