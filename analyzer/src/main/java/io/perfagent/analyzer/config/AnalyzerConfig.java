package io.perfagent.analyzer.config;

import io.perfagent.analysis.slo.SloConfig;
import java.time.Duration;

/**
 * The analyzer's settings, checked. Made by {@link CommandLine#parse}; defaults are the
 * {@code DEFAULT_*} constants.
 *
 * @param grpcPort OTLP/gRPC port; 0: any free port; -1: off
 * @param httpPort OTLP/HTTP port; 0: any free port; -1: off
 * @param apiPort REST API and {@code /metrics} port; 0: any free port
 * @param jdbcUrl the history database; a SQLite file's URL unless {@code --jdbc-url} named one
 * @param token bearer token that OTLP and the API require; null: none
 * @param maxBodyBytes largest request body after decompression
 * @param maxQueuedSpans spans waiting between the receivers and the assembler
 * @param slo the SLO rules alerts are raised by: the defaults overlaid with {@code --slo}
 * @param regressionWindow runs of a pipeline's history each regression check looks at
 * @param regressionMinRuns runs needed on each side of a change
 * @param regressionMinChange smallest relative change of a mean that is a finding
 * @param regressionMaxP largest p-value of a finding's t-test
 * @param alertAfter consecutive breaching evaluations of a condition before its alert opens
 */
public record AnalyzerConfig(
    int grpcPort,
    int httpPort,
    int apiPort,
    String bind,
    String jdbcUrl,
    String token,
    Duration quietPeriod,
    Duration retention,
    long maxBodyBytes,
    int maxOpenTraces,
    int maxSpansPerTrace,
    int maxQueuedSpans,
    SloConfig slo,
    int regressionWindow,
    int regressionMinRuns,
    double regressionMinChange,
    double regressionMaxP,
    int alertAfter) {

  public static final int DEFAULT_GRPC_PORT = 4317;
  public static final int DEFAULT_HTTP_PORT = 4318;
  public static final int DEFAULT_API_PORT = 8089;
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final String DEFAULT_DB = "perf-analyzer.db";
  public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  public static final long DEFAULT_MAX_BODY_BYTES = 20L << 20;
  public static final int DEFAULT_MAX_OPEN_TRACES = 10_000;
  public static final int DEFAULT_MAX_SPANS_PER_TRACE = 1_000_000;
  public static final int DEFAULT_MAX_QUEUED_SPANS = 2_000_000;
  public static final int DEFAULT_REGRESSION_WINDOW = 60;
  /** The largest window: a check costs O(window²) per series. */
  public static final int MAX_REGRESSION_WINDOW = 1000;
  public static final int DEFAULT_REGRESSION_MIN_RUNS = 5;
  public static final double DEFAULT_REGRESSION_MIN_CHANGE = 0.10;
  public static final double DEFAULT_REGRESSION_MAX_P = 0.01;
  /** Two: one noisy run never opens an alert; a lasting breach does at its second run. */
  public static final int DEFAULT_ALERT_AFTER = 2;
  public static final int MAX_ALERT_AFTER = 100;

  /** True when the history is a SQLite file (the default). */
  public boolean sqlite() {
    return jdbcUrl.startsWith("jdbc:sqlite:");
  }
}
