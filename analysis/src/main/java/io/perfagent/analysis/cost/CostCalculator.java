package io.perfagent.analysis.cost;

import io.perfagent.analysis.stats.StageStats;
import java.util.ArrayList;
import java.util.List;

/** Computes {@link Cost} from stage statistics. */
public final class CostCalculator {

  private CostCalculator() {}

  /** @param pricePerCoreHour NaN for none */
  public static Cost of(List<StageStats> stages, int runs, double pricePerCoreHour,
      String currency) {
    List<StageCost> per = new ArrayList<>();
    double total = 0;
    for (StageStats s : stages) {
      double cs = Math.max(0, s.selfCpuNanos()) / 1e9;
      total += cs;
      per.add(new StageCost(s.name(), cs, money(cs, pricePerCoreHour)));
    }
    double perRun = runs == 0 ? 0 : total / runs;
    return new Cost(total, perRun, pricePerCoreHour, currency, money(total, pricePerCoreHour),
        money(perRun, pricePerCoreHour), per);
  }

  private static double money(double coreSeconds, double pricePerCoreHour) {
    return Double.isNaN(pricePerCoreHour) ? Double.NaN : coreSeconds / 3600 * pricePerCoreHour;
  }
}
