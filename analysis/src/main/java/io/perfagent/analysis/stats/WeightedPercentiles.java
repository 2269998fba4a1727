package io.perfagent.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact nearest-rank percentiles over weighted values. Weights let a folded aggregate stand
 * for its many calls through a few points without expanding them.
 */
public final class WeightedPercentiles {

  private long[] values = new long[16];
  private double[] weights = new double[16];
  private int size;
  private double total;

  public void add(long value, double weight) {
    if (weight <= 0) {
      return;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      weights = Arrays.copyOf(weights, size * 2);
    }
    values[size] = value;
    weights[size] = weight;
    size++;
    order = null;
    total += weight;
  }

  /** The smallest value at or below which {@code p} percent of the weight lies; 0 if empty. */
  public long percentile(double p) {
    if (size == 0) {
      return 0;
    }
    int[] order = sorted();
    // a small epsilon keeps 0.5 * 2 calls at p50 from missing its rank through rounding
    double target = total * p / 100.0 - 1e-9 * total;
    double cum = 0;
    for (int i : order) {
      cum += weights[i];
      if (cum >= target) {
        return values[i];
      }
    }
    return values[order[size - 1]];
  }

  /** The indices by value, sorted once for every percentile asked until the next add. */
  private int[] sorted() {
    if (order == null) {
      Integer[] idx = new Integer[size];
      for (int i = 0; i < size; i++) {
        idx[i] = i;
      }
      Arrays.sort(idx, (a, b) -> Long.compare(values[a], values[b]));
      order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = idx[i];
      }
    }
    return order;
  }

  private int[] order;

  /** Bins per power of ten of {@link #histogram()}. */
  static final int BINS_PER_DECADE = 4;

  /**
   * The weights as a histogram with {@value #BINS_PER_DECADE} log-spaced bins per power of
   * ten (bounds 10^(k/4) ns, rounded), from the first non-empty bin to the last, empty ones
   * between included; counts are the weights rounded.
   */
  public List<HistogramBin> histogram() {
    if (size == 0) {
      return List.of();
    }
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    int[] bin = new int[size];
    for (int i = 0; i < size; i++) {
      bin[i] = bin(values[i]);
      lo = Math.min(lo, bin[i]);
      hi = Math.max(hi, bin[i]);
    }
    double[] w = new double[hi - lo + 1];
    for (int i = 0; i < size; i++) {
      w[bin[i] - lo] += weights[i];
    }
    List<HistogramBin> out = new ArrayList<>(w.length);
    for (int k = 0; k < w.length; k++) {
      out.add(new HistogramBin(bound(lo + k), Math.round(w[k])));
    }
    return out;
  }

  /** The smallest k with value <= 10^(k/4). */
  static int bin(long value) {
    if (value <= 1) {
      return 0;
    }
    int k = (int) Math.ceil(BINS_PER_DECADE * Math.log10(value) - 1e-9);
    return value > bound(k) ? k + 1 : k;
  }

  static long bound(int k) {
    return Math.round(Math.pow(10, (double) k / BINS_PER_DECADE));
  }

  public long max() {
    long m = 0;
    for (int i = 0; i < size; i++) {
      m = Math.max(m, values[i]);
    }
    return m;
  }
}
