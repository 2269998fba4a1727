package io.perfagent.analysis.report;

import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.slo.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resource series of the report, and the alerts on them over the whole time range. */
public record ResourceReport(List<ResourceSeries> series, List<Alert> alerts) {

  /** Enough points for a chart a few hundred pixels wide. */
  public static final int MAX_POINTS = 500;

  public ResourceReport {
    series = List.copyOf(series);
    alerts = List.copyOf(alerts);
  }

  public static ResourceReport of(List<ResourceSample> samples, List<Alert> alerts) {
    Map<String, List<ResourceSample>> byName = new LinkedHashMap<>();
    for (ResourceSample s : samples) {
      byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
    }
    List<ResourceSeries> series = new ArrayList<>();
    for (Map.Entry<String, List<ResourceSample>> e : byName.entrySet()) {
      List<ResourceSample> pts = new ArrayList<>(e.getValue());
      pts.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (ResourceSample p : pts) {
        min = Math.min(min, p.value());
        max = Math.max(max, p.value());
        sum += p.value();
      }
      int stride = Math.max(1, (pts.size() + MAX_POINTS - 1) / MAX_POINTS);
      List<double[]> thin = new ArrayList<>();
      for (int i = 0; i < pts.size(); i += stride) {
        thin.add(new double[] {pts.get(i).timeNanos(), pts.get(i).value()});
      }
      series.add(new ResourceSeries(e.getKey(), pts.size(), min, sum / pts.size(), max, thin));
    }
    return new ResourceReport(series, alerts);
  }
}
