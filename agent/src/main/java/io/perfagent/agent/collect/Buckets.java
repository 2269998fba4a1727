package io.perfagent.agent.collect;

import java.util.Arrays;

/** Wall-time buckets as two parallel arrays, values ascending: merging and percentiles. */
final class Buckets {

  private Buckets() {}

  /** Nearest-rank percentile {@code p} (0–100) of the buckets; 0 when empty. */
  static long percentile(long[] values, long[] counts, double p) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100 * total));
    long seen = 0;
    for (int i = 0; i < values.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  /** The union of two bucket sets, counts of equal values added. */
  static long[][] merge(long[] av, long[] ac, long[] bv, long[] bc) {
    long[] v = new long[av.length + bv.length];
    long[] c = new long[v.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < av.length || j < bv.length) {
      if (j == bv.length || (i < av.length && av[i] < bv[j])) {
        v[n] = av[i];
        c[n++] = ac[i++];
      } else if (i == av.length || bv[j] < av[i]) {
        v[n] = bv[j];
        c[n++] = bc[j++];
      } else {
        v[n] = av[i];
        c[n++] = ac[i++] + bc[j++];
      }
    }
    return new long[][] {Arrays.copyOf(v, n), Arrays.copyOf(c, n)};
  }
}
