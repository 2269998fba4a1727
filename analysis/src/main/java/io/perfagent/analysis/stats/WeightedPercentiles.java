package io.perfagent.analysis.stats;

import java.util.Arrays;

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
    total += weight;
  }

  /** The smallest value at or below which {@code p} percent of the weight lies; 0 if empty. */
  public long percentile(double p) {
    if (size == 0) {
      return 0;
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(values[a], values[b]));
    // a small epsilon keeps 0.5 * 2 calls at p50 from missing its rank through rounding
    double target = total * p / 100.0 - 1e-9 * total;
    double cum = 0;
    for (Integer i : order) {
      cum += weights[i];
      if (cum >= target) {
        return values[i];
      }
    }
    return values[order[size - 1]];
  }

  public long max() {
    long m = 0;
    for (int i = 0; i < size; i++) {
      m = Math.max(m, values[i]);
    }
    return m;
  }
}
