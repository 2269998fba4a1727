package io.perfagent.analysis.slo;

/**
 * One objective.
 *
 * @param scope {@code stage}, {@code pipeline} or {@code resource}
 * @param name the stage or pipeline, {@code *} for all; the metric's id for resources
 * @param warning the warning limit in base units (ns or ratio), NaN when none
 * @param critical the critical limit, NaN when none; both NaN: the rule turns the metric off
 * @param text the rule as written, for the alert
 */
public record SloRule(String scope, String name, SloMetric metric, double warning,
    double critical, String text) {

  public static final String STAGE = "stage";
  public static final String PIPELINE = "pipeline";
  public static final String RESOURCE = "resource";

  public boolean isOff() {
    return Double.isNaN(warning) && Double.isNaN(critical);
  }

  boolean isWildcard() {
    return name.equals("*");
  }
}
