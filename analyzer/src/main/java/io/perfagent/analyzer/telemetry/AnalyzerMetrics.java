package io.perfagent.analyzer.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The analyzer's own metrics, in a registry of its own (not the client's default one, so
 * several analyzers in one JVM, as in tests, do not clash). Every drop and refusal has a
 * counter labelled by its cause.
 */
public final class AnalyzerMetrics {

  /** Causes of spans refused at the receiver (the client was told: partial_success or error). */
  public static final String REJECTED_INVALID_ID = "invalid_id";
  public static final String REJECTED_QUEUE_FULL = "queue_full";
  public static final String REJECTED_TOO_LARGE = "too_large";
  public static final String REJECTED_MALFORMED = "malformed";
  public static final String REJECTED_UNAUTHORIZED = "unauthorized";
  public static final String REJECTED_UNSUPPORTED = "unsupported_media_type";

  /** Causes of spans accepted but not analysed. */
  public static final String DROPPED_SPANS_PER_TRACE = "spans_per_trace";
  public static final String DROPPED_OPEN_TRACES = "open_traces";
  public static final String DROPPED_NO_ROOT = "no_root";
  public static final String DROPPED_NOT_A_STAGE = "not_a_stage";
  public static final String DROPPED_DUPLICATE = "duplicate";
  public static final String DROPPED_SHUTDOWN = "shutdown";
  /** The run's analysis failed (a bug, or it did not fit in the heap). */
  public static final String DROPPED_ANALYSIS_FAILED = "analysis_failed";
  /** The run was analysed but the history database refused it. */
  public static final String DROPPED_NOT_STORED = "not_stored";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter received;
  private final Counter rejected;
  private final Counter requestsRejected;
  private final Counter dropped;
  private final Counter runsAnalysed;
  private final Counter runsClosedEarly;
  private final Counter analysisErrors;
  private final Counter dbErrors;
  private final Counter metricPoints;
  private final Counter samplesDropped;
  private final Histogram analysisSeconds;
  private final Counter historyErrors;
  private final Counter historyDropped;

  public AnalyzerMetrics() {
    received = Counter.builder().name("perf_analyzer_spans_received_total")
        .help("Spans received over OTLP, before any check").register(registry);
    rejected = Counter.builder().name("perf_analyzer_spans_rejected_total")
        .help("Spans refused at the receiver, by cause").labelNames("cause").register(registry);
    requestsRejected = Counter.builder().name("perf_analyzer_requests_rejected_total")
        .help("OTLP requests answered with an error, by cause").labelNames("cause")
        .register(registry);
    dropped = Counter.builder().name("perf_analyzer_spans_dropped_total")
        .help("Spans accepted but not analysed, by cause").labelNames("cause")
        .register(registry);
    runsAnalysed = Counter.builder().name("perf_analyzer_runs_analysed_total")
        .help("Run versions analysed and stored").register(registry);
    runsClosedEarly = Counter.builder().name("perf_analyzer_runs_closed_early_total")
        .help("Runs analysed before their quiet period because the open-trace bound was hit")
        .register(registry);
    analysisErrors = Counter.builder().name("perf_analyzer_analysis_errors_total")
        .help("Runs whose analysis failed").register(registry);
    dbErrors = Counter.builder().name("perf_analyzer_db_errors_total")
        .help("History database operations that failed").register(registry);
    metricPoints = Counter.builder().name("perf_analyzer_metric_points_received_total")
        .help("Metric data points received over OTLP").register(registry);
    samplesDropped = Counter.builder().name("perf_analyzer_resource_samples_dropped_total")
        .help("Resource values carried by spans and left out (broken format, per-trace bound)")
        .register(registry);
    analysisSeconds = Histogram.builder().name("perf_analyzer_analysis_seconds")
        .help("Time to analyse one run").classicOnly()
        .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10)
        .register(registry);
    historyErrors = Counter.builder().name("perf_analyzer_history_checks_failed_total")
        .help("Regression or alert evaluations that failed (logged), by component")
        .labelNames("component").register(registry);
    historyDropped = Counter.builder().name("perf_analyzer_history_checks_dropped_total")
        .help("Regression or alert evaluations left out because their queue was full, by "
            + "component").labelNames("component").register(registry);
  }

  /** One value of a labelled gauge. */
  public record Labelled(double value, List<String> labels) {}

  /**
   * Registers a gauge family read when scraped: one sample per element {@code values} gives,
   * with {@code labelNames}.
   */
  public void labelledGauge(String name, String help, List<String> labelNames,
      Supplier<List<Labelled>> values) {
    GaugeWithCallback.builder().name(name).help(help).labelNames(labelNames.toArray(new String[0]))
        .callback(cb -> {
          for (Labelled l : values.get()) {
            cb.call(l.value(), l.labels().toArray(new String[0]));
          }
        }).register(registry);
  }

  /** A regression or alert evaluation failed (and was logged). */
  public void historyError(String component) {
    historyErrors.labelValues(component).inc();
  }

  /** A regression or alert evaluation was left out: its queue was full. */
  public void historyDropped(String component) {
    historyDropped.labelValues(component).inc();
  }

  /** Registers a gauge read when scraped, e.g. the open traces or the queue depth. */
  public void gauge(String name, String help, LongSupplier value) {
    GaugeWithCallback.builder().name(name).help(help)
        .callback(cb -> cb.call(value.getAsLong())).register(registry);
  }

  public void received(long spans) {
    received.inc(spans);
  }

  public void rejected(String cause, long spans) {
    if (spans > 0) {
      rejected.labelValues(cause).inc(spans);
    }
  }

  public void requestRejected(String cause) {
    requestsRejected.labelValues(cause).inc();
  }

  public void dropped(String cause, long spans) {
    if (spans > 0) {
      dropped.labelValues(cause).inc(spans);
    }
  }

  public void runAnalysed(long nanos) {
    runsAnalysed.inc();
    analysisSeconds.observe(nanos / 1e9);
  }

  public void runClosedEarly() {
    runsClosedEarly.inc();
  }

  public void analysisError() {
    analysisErrors.inc();
  }

  public void dbError() {
    dbErrors.inc();
  }

  public void resourceSamplesDropped(long n) {
    if (n > 0) {
      samplesDropped.inc(n);
    }
  }

  public void metricPoints(long n) {
    metricPoints.inc(n);
  }

  /** The Prometheus text format's content type. */
  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  /** Writes every metric in the Prometheus text format. */
  public void write(OutputStream out) throws IOException {
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
  }
}
