package io.perfagent.bootstrap;

import java.util.Arrays;
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
 * significant digits, for the agent's per-stage statistics). A compact one keeps its first
 * {@value #RAW} values as they are and makes its histogram only for the next: a parent of a
 * thousand calls times about 16 of them (one in {@code fold.sample}, at random: up to twice
 * that), so most accumulators never need the 2.5 KB, their values stay exact, and a short
 * thread's fold allocates nothing on it (its first allocation would cost it a TLAB).
 */
public final class WallHistogram {

  /** One hour in ns: longer calls are clamped into the top bucket. */
  public static final long MAX_NANOS = 3_600_000_000_000L;
  static final int RAW = 32;

  /** Null while a compact histogram still holds only raw values. */
  private org.HdrHistogram.AbstractHistogram h;
  private final long[] raw;
  private int rawCount;

  public WallHistogram() {
    h = new Histogram(1, MAX_NANOS, 2);
    raw = null;
  }

  private WallHistogram(long[] raw) {
    this.raw = raw;
  }

  /** One significant digit (±5 % of a value), int counts: small enough to pool many. */
  public static WallHistogram compact() {
    return new WallHistogram(new long[RAW]);
  }

  /** The compact histogram, made now and given the raw values kept so far. */
  private org.HdrHistogram.AbstractHistogram histogram() {
    if (h == null) {
      h = new IntCountsHistogram(1, MAX_NANOS, 1);
      for (int i = 0; i < rawCount; i++) {
        h.recordValue(raw[i]);
      }
      rawCount = 0;
    }
    return h;
  }

  /** Receives the recorded buckets: the bucket's middle value and how many calls had it. */
  public interface BucketVisitor {
    void bucket(long valueNanos, long count);
  }

  /** True when the next {@link #record} makes the 2.5 KB histogram (a compact one). */
  boolean growsOnNextRecord() {
    return h == null && rawCount == RAW;
  }

  public void record(long nanos) {
    long v = Math.max(1, Math.min(nanos, MAX_NANOS));
    if (h == null && rawCount < RAW) {
      raw[rawCount++] = v;
    } else {
      histogram().recordValue(v);
    }
  }

  /**
   * Adds {@code other}'s values, each bucket's count scaled so that together they count
   * {@code calls}: the timed calls of a fold standing for all of its calls. Rounded so the
   * counts add up to {@code calls} exactly.
   */
  public void addScaled(WallHistogram other, long calls) {
    long timed = other.count();
    if (timed == 0 || calls <= 0) {
      return;
    }
    if (calls == timed) {
      add(other);
      return;
    }
    long[][] scaled = other.scaledBuckets(calls);
    for (int i = 0; i < scaled[0].length; i++) {
      if (scaled[1][i] > 0) {
        histogram().recordValueWithCount(
            Math.max(1, Math.min(scaled[0][i], MAX_NANOS)), scaled[1][i]);
      }
    }
  }

  /**
   * The buckets as two arrays, values (each bucket's middle value) and counts scaled to add up
   * to {@code calls} (the largest bucket takes the rounding); empty arrays when nothing was
   * recorded.
   */
  public long[][] scaledBuckets(long calls) {
    if (count() == 0) {
      return new long[][] {NONE, NONE}; // most folds of a flood of short tasks: no timed call
    }
    Buckets b = new Buckets();
    forEachBucket(b);
    long[] values = Arrays.copyOf(b.values, b.size);
    long[] counts = Arrays.copyOf(b.counts, b.size);
    long timed = count();
    if (timed == 0 || calls == timed) {
      return new long[][] {values, counts};
    }
    double scale = (double) calls / timed;
    long sum = 0;
    int largest = 0;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = Math.round(counts[i] * scale);
      sum += counts[i];
      largest = counts[i] > counts[largest] ? i : largest;
    }
    if (counts.length > 0) {
      counts[largest] = Math.max(0, counts[largest] + calls - sum);
    }
    return new long[][] {values, counts};
  }

  private static final long[] NONE = new long[0];

  /**
   * Collects the buckets into growing arrays, from room for 4: most folds hold a few timed
   * calls (a virtual thread's fold, one), and this runs once per fold on the agent's thread.
   */
  private static final class Buckets implements BucketVisitor {
    long[] values = new long[4];
    long[] counts = new long[4];
    int size;

    @Override
    public void bucket(long valueNanos, long count) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
      }
      values[size] = valueNanos;
      counts[size] = count;
      size++;
    }
  }

  public void add(WallHistogram other) {
    if (other.h == null) {
      for (int i = 0; i < other.rawCount; i++) {
        record(other.raw[i]);
      }
    } else {
      histogram().add(other.h);
    }
  }

  public long count() {
    return h == null ? rawCount : h.getTotalCount();
  }

  /** The value at percentile {@code p} (0–100), 0 when empty. */
  public long percentile(double p) {
    if (h == null) {
      if (rawCount == 0) {
        return 0;
      }
      long[] sorted = Arrays.copyOf(raw, rawCount); // the reader's thread, at most RAW values
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100 * rawCount);
      return sorted[Math.max(0, Math.min(rawCount - 1, rank - 1))];
    }
    // the bucket's middle, not its top: a 1-digit bucket is up to 6 % wide
    return h.getTotalCount() == 0 ? 0 : h.medianEquivalentValue(h.getValueAtPercentile(p));
  }

  /** Standard deviation of the recorded values, 0 when empty. */
  public double stdDeviation() {
    if (h == null) {
      if (rawCount == 0) {
        return 0;
      }
      double mean = 0;
      for (int i = 0; i < rawCount; i++) {
        mean += raw[i];
      }
      mean /= rawCount;
      double squares = 0;
      for (int i = 0; i < rawCount; i++) {
        squares += (raw[i] - mean) * (raw[i] - mean);
      }
      return Math.sqrt(squares / rawCount);
    }
    return h.getTotalCount() == 0 ? 0 : h.getStdDeviation();
  }

  /** The buckets in ascending order of value; raw values of one value count together. */
  public void forEachBucket(BucketVisitor visitor) {
    if (h == null) {
      long[] sorted = Arrays.copyOf(raw, rawCount); // the reader's thread, at most RAW values
      Arrays.sort(sorted);
      for (int i = 0; i < sorted.length; ) {
        int j = i;
        while (j < sorted.length && sorted[j] == sorted[i]) {
          j++;
        }
        visitor.bucket(sorted[i], j - i);
        i = j;
      }
      return;
    }
    for (HistogramIterationValue v : h.recordedValues()) {
      visitor.bucket(h.medianEquivalentValue(v.getValueIteratedTo()),
          v.getCountAtValueIteratedTo());
    }
  }

  public void reset() {
    rawCount = 0;
    if (h != null) {
      h.reset();
    }
  }
}
