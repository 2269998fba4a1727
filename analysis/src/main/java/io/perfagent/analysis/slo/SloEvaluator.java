package io.perfagent.analysis.slo;

import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.stats.WeightedPercentiles;
import java.util.ArrayList;
import java.util.List;

/** Checks measured values against an {@link SloConfig}. */
public final class SloEvaluator {

  private SloEvaluator() {}

  /**
   * Alerts for one pipeline.
   *
   * @param runWalls wall time of each run
   * @param runErrors how many runs failed (root span in error)
   */
  public static List<Alert> pipeline(SloConfig config, String pipeline, long[] runWalls,
      long runErrors, List<StageStats> stages) {
    List<Alert> out = new ArrayList<>();
    WeightedPercentiles walls = new WeightedPercentiles();
    for (long w : runWalls) {
      walls.add(w, 1);
    }
    for (SloMetric m : config.metricsIn(SloRule.PIPELINE)) {
      SloRule r = config.ruleFor(SloRule.PIPELINE, pipeline, m);
      if (r == null || runWalls.length == 0) {
        continue;
      }
      double v = m == SloMetric.ERROR_RATE ? (double) runErrors / runWalls.length
          : latency(walls, m);
      check(r, "pipeline:" + pipeline, v, out);
    }
    for (StageStats s : stages) {
      for (SloMetric m : config.metricsIn(SloRule.STAGE)) {
        SloRule r = config.ruleFor(SloRule.STAGE, s.name(), m);
        if (r == null || s.calls() == 0) {
          continue;
        }
        double v = switch (m) {
          case P50 -> s.p50Nanos();
          case P95 -> s.p95Nanos();
          case P99 -> s.p99Nanos();
          case MAX -> s.maxNanos();
          default -> s.errorRate();
        };
        check(r, "stage:" + s.name(), v, out);
      }
    }
    return out;
  }

  /** Alerts for the resources, over the samples between {@code from} and {@code to}. */
  public static List<Alert> resources(SloConfig config, List<ResourceSample> samples, long from,
      long to) {
    List<Alert> out = new ArrayList<>();
    for (SloMetric m : List.of(SloMetric.CPU, SloMetric.MEMORY, SloMetric.GPU)) {
      SloRule r = config.ruleFor(SloRule.RESOURCE, m.id(), m);
      if (r == null) {
        continue;
      }
      List<String> names = m == SloMetric.CPU ? ResourceNames.CPU
          : m == SloMetric.MEMORY ? ResourceNames.MEMORY : ResourceNames.GPU;
      double v = m == SloMetric.MEMORY ? peak(samples, names, from, to)
          : mean(samples, names, from, to);
      if (v >= 0) {
        check(r, "resource:" + m.id(), v, out);
      }
    }
    return out;
  }

  private static double latency(WeightedPercentiles walls, SloMetric m) {
    return switch (m) {
      case P50 -> walls.percentile(50);
      case P95 -> walls.percentile(95);
      case P99 -> walls.percentile(99);
      default -> walls.max();
    };
  }

  private static void check(SloRule r, String subject, double v, List<Alert> out) {
    String unit = r.metric().isLatency() ? "ns" : "ratio";
    if (reaches(v, r.critical())) {
      out.add(new Alert(AlertLevel.CRITICAL, subject, r.text(), v, r.critical(), unit));
    } else if (reaches(v, r.warning())) {
      out.add(new Alert(AlertLevel.WARNING, subject, r.text(), v, r.warning(), unit));
    }
  }

  /** Reaching a limit breaches it, except that zero never breaches a zero limit. */
  private static boolean reaches(double v, double limit) {
    return !Double.isNaN(limit) && (v > limit || (v == limit && v > 0));
  }

  private static double mean(List<ResourceSample> samples, List<String> names, long from, long to) {
    for (String name : names) {
      double sum = 0;
      int n = 0;
      for (ResourceSample s : samples) {
        if (s.name().equals(name) && s.timeNanos() >= from && s.timeNanos() <= to) {
          sum += s.value();
          n++;
        }
      }
      if (n > 0) {
        return sum / n;
      }
    }
    return -1;
  }

  private static double peak(List<ResourceSample> samples, List<String> names, long from, long to) {
    for (String name : names) {
      double max = -1;
      for (ResourceSample s : samples) {
        if (s.name().equals(name) && s.timeNanos() >= from && s.timeNanos() <= to) {
          max = Math.max(max, s.value());
        }
      }
      if (max >= 0) {
        return max;
      }
    }
    return -1;
  }
}
