package io.perfagent.analyzer.regress;

import java.util.Locale;

/** What a series measures, in which unit, and which way is worse. */
public enum SeriesMetric {
  /** The pipeline's run wall time. */
  WALL("ns", true, 0),
  P50("ns", true, 0),
  P95("ns", true, 0),
  /** CPU time per call. */
  CPU("ns", true, 0),
  /** Bytes allocated per call. */
  ALLOC("bytes", true, 0),
  /** Records per second of the stage's wall time. */
  THROUGHPUT("records/s", false, 0),
  /**
   * Share of the critical path; a change must also move it by a percentage point: a stage off
   * the path (0.5 % → 0.65 %) changes by a large relative amount for no reason worth saying.
   */
  CRITICAL_PATH_SHARE("ratio", true, 0.01);

  private final String unit;
  private final boolean higherIsWorse;
  private final double minAbsoluteChange;

  SeriesMetric(String unit, boolean higherIsWorse, double minAbsoluteChange) {
    this.unit = unit;
    this.higherIsWorse = higherIsWorse;
    this.minAbsoluteChange = minAbsoluteChange;
  }

  /** The smallest change of the mean, in {@link #unit}, that is a finding. */
  public double minAbsoluteChange() {
    return minAbsoluteChange;
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
