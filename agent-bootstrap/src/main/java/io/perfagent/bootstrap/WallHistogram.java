package io.perfagent.bootstrap;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A wall-time histogram in nanoseconds, up to one hour. Wraps a relocated HdrHistogram so the
 * agent never names it. Values outside the range are clamped into it, never thrown on. Single
 * writer; not thread-safe.
 *
 * <p>Two sizes: {@link #compact()} (one significant digit, int counts: about 2.5 KB, for the
 * per-parent fold accumulators, of which there can be many in flight) and the default (two
 * significant digits, for the agent's per-stage statistics).
 */
public final class WallHistogram {

  /** One hour in ns: longer calls are clamped into the top bucket. */
  public static final long MAX_NANOS = 3_600_000_000_000L;

  private final org.HdrHistogram.AbstractHistogram h;

  public WallHistogram() {
    h = new Histogram(1, MAX_NANOS, 2);
  }

  private WallHistogram(org.HdrHistogram.AbstractHistogram h) {
    this.h = h;
  }

  /** One significant digit (±5 % of a value), int counts: small enough to pool many. */
  public static WallHistogram compact() {
    return new WallHistogram(new IntCountsHistogram(1, MAX_NANOS, 1));
  }

  /** Receives the recorded buckets: a representative value and how many calls had it. */
  public interface BucketVisitor {
    void bucket(long valueNanos, long count);
  }

  public void record(long nanos) {
    h.recordValue(Math.max(1, Math.min(nanos, MAX_NANOS)));
  }

  public void add(WallHistogram other) {
    h.add(other.h);
  }

  public long count() {
    return h.getTotalCount();
  }

  /** The value at percentile {@code p} (0–100), 0 when empty. */
  public long percentile(double p) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p);
  }

  /** Standard deviation of the recorded values, 0 when empty. */
  public double stdDeviation() {
    return h.getTotalCount() == 0 ? 0 : h.getStdDeviation();
  }

  public void forEachBucket(BucketVisitor visitor) {
    for (HistogramIterationValue v : h.recordedValues()) {
      visitor.bucket(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
    }
  }

  public void reset() {
    h.reset();
  }
}
