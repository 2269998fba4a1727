package io.perfagent.analyzer.alert;

import io.perfagent.analysis.slo.Alert;

/**
 * One condition evaluated once: its breach, or null when it holds.
 *
 * @param pipeline {@code ""} for a resource condition over the received series
 * @param subject {@code stage:NAME}, {@code pipeline:NAME} or {@code resource:cpu|memory|gpu}
 * @param metric the SLO metric's id ({@code p95}, {@code error_rate}, {@code cpu}, ...)
 * @param breach null when the condition was met
 * @param runId the run evaluated, {@code ""} for the series
 */
record AlertCheck(String pipeline, String subject, String metric, Alert breach, String runId) {

  String key() {
    return key(pipeline, subject, metric);
  }

  static String key(String pipeline, String subject, String metric) {
    return pipeline + '\u0000' + subject + '\u0000' + metric;
  }
}
