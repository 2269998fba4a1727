package io.perfagent.analysis.model;

import java.util.Arrays;

/**
 * Wall times as buckets: each bucket's middle value (ns, ascending) and how many calls fell in
 * it. Immutable; the arrays are copied in and never handed out.
 */
public final class LatencyBuckets {

  public static final LatencyBuckets EMPTY = new LatencyBuckets(new long[0], new long[0]);

  private final long[] valuesNanos;
  private final long[] counts;

  private LatencyBuckets(long[] valuesNanos, long[] counts) {
    this.valuesNanos = valuesNanos;
    this.counts = counts;
  }

  /** Buckets from parallel arrays; pairs with a count of 0 or less are left out. */
  public static LatencyBuckets of(long[] valuesNanos, long[] counts) {
    if (valuesNanos.length != counts.length) {
      throw new IllegalArgumentException("values and counts differ in length");
    }
    long[] v = new long[valuesNanos.length];
    long[] c = new long[counts.length];
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (counts[i] > 0) {
        v[n] = Math.max(0, valuesNanos[i]);
        c[n++] = counts[i];
      }
    }
    return n == 0 ? EMPTY : new LatencyBuckets(Arrays.copyOf(v, n), Arrays.copyOf(c, n));
  }

  public int size() {
    return valuesNanos.length;
  }

  public long valueNanos(int i) {
    return valuesNanos[i];
  }

  public long count(int i) {
    return counts[i];
  }

  public long totalCount() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyBuckets b && Arrays.equals(valuesNanos, b.valuesNanos)
        && Arrays.equals(counts, b.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(valuesNanos) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "LatencyBuckets" + Arrays.toString(valuesNanos) + "x" + Arrays.toString(counts);
  }
}
