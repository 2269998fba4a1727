package io.perfagent.it.otlp;

import java.util.List;
import java.util.Map;

/**
 * One metric of one export request, flattened with its resource and scope. The same metric
 * arrives again with every periodic export; see {@link MetricQuery} to combine them.
 */
public record ReceivedMetric(
    Map<String, Object> resource,
    String scopeName,
    String name,
    String description,
    String unit,
    Type type,
    Temporality temporality,
    boolean monotonic,
    List<Point> points) {

  /** The OTLP data kind. */
  public enum Type { GAUGE, SUM, HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY }

  /** Aggregation temporality; {@code NONE} for gauges and summaries. */
  public enum Temporality { CUMULATIVE, DELTA, NONE }

  /**
   * One data point. For gauges and sums {@code value} is set (Long or Double); for histograms
   * and summaries {@code count} and {@code sum} are set, and {@code min}/{@code max} when sent.
   */
  public record Point(
      Map<String, Object> attributes,
      long startEpochNanos,
      long timeEpochNanos,
      Number value,
      long count,
      double sum,
      Double min,
      Double max,
      List<Long> bucketCounts,
      List<Double> explicitBounds) {

    /** {@code value} for gauges and sums, {@code count} for histograms. */
    public double valueOrCount() {
      return value != null ? value.doubleValue() : count;
    }
  }
}
