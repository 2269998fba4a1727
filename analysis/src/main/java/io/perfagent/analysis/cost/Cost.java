package io.perfagent.analysis.cost;

import java.util.List;

/**
 * CPU cost of a pipeline over its runs.
 *
 * @param pricePerCoreHour NaN when not configured; then every money figure is NaN
 */
public record Cost(double coreSecondsTotal, double coreSecondsPerRun, double pricePerCoreHour,
    String currency, double moneyTotal, double moneyPerRun, List<StageCost> stages) {

  public Cost {
    stages = List.copyOf(stages);
  }

  public boolean hasPrice() {
    return !Double.isNaN(pricePerCoreHour);
  }
}
