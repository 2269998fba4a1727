package io.perfagent.analyzer.regress;

import java.util.Locale;

/** What a series measures, in which unit, and which way is worse. */
public enum SeriesMetric {
  /** The pipeline's run wall time. */
  WALL("ns", true),
  P50("ns", true),
  P95("ns", true),
  /** CPU time per call. */
  CPU("ns", true),
  /** Bytes allocated per call. */
  ALLOC("bytes", true),
  /** Records per second of the stage's wall time. */
  THROUGHPUT("records/s", false),
  CRITICAL_PATH_SHARE("ratio", true);

  private final String unit;
  private final boolean higherIsWorse;

  SeriesMetric(String unit, boolean higherIsWorse) {
    this.unit = unit;
    this.higherIsWorse = higherIsWorse;
  }

  /** The API's name: {@code wall}, {@code p50}, ..., {@code critical_path_share}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String unit() {
    return unit;
  }

  /** True when a larger value is a regression. */
  public boolean higherIsWorse() {
    return higherIsWorse;
  }
}
