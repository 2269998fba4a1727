package io.perfagent.analyzer.receive;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

/** Counts the data points of a metrics export request. */
public final class MetricPoints {

  private MetricPoints() {}

  public static long count(ExportMetricsServiceRequest request) {
    long n = 0;
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          n += m.getGauge().getDataPointsCount() + m.getSum().getDataPointsCount()
              + m.getHistogram().getDataPointsCount()
              + m.getExponentialHistogram().getDataPointsCount()
              + m.getSummary().getDataPointsCount();
        }
      }
    }
    return n;
  }
}
