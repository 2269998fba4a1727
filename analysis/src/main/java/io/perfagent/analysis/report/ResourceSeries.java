package io.perfagent.analysis.report;

import java.util.List;

/**
 * One resource series, summarized, with its points thinned to at most
 * {@link ResourceReport#MAX_POINTS} for charts.
 *
 * @param points pairs of (epoch ns, value)
 */
public record ResourceSeries(String name, int count, double min, double mean, double max,
    List<double[]> points) {

  public ResourceSeries {
    points = List.copyOf(points);
  }
}
