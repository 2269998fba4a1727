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
    return n > MAX_EXACT ? coarsen(v, c, n)
        : new long[][] {Arrays.copyOf(v, n), Arrays.copyOf(c, n)};
  }

  /**
   * Past this many distinct values a merge keeps buckets of about 3 % instead: folds summed
   * over thousands of threads would otherwise keep every distinct raw value of every thread,
   * and each merge copy them all (a hundred thousand virtual threads' folds merged into one
   * took the heap past a gigabyte).
   */
  static final int MAX_EXACT = 256;
  private static final int SUB_BITS = 5;
  /** Groups of {@link #group}: 32 to each power of two, over every non-negative long. */
  static final int GROUPS = 64 << SUB_BITS;

  /** The first {@code n} values grouped 32 to a power of two, each at its group's middle. */
  static long[][] coarsen(long[] v, long[] c, int n) {
    long[] cv = new long[n];
    long[] cc = new long[n];
    int m = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      int g = group(v[i]);
      if (g != last) {
        last = g;
        cv[++m] = middle(g);
      }
      cc[m] += c[i];
    }
    return new long[][] {Arrays.copyOf(cv, m + 1), Arrays.copyOf(cc, m + 1)};
  }

  /** The group of {@code v} (ascending with it): its top five significant bits and their shift. */
  static int group(long v) {
    int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(Math.max(0, v)) - SUB_BITS);
    return shift << SUB_BITS | (int) (v >>> shift);
  }

  /** The middle value of group {@code g}. */
  static long middle(int g) {
    int shift = g >>> SUB_BITS;
    long low = (long) (g & ((1 << SUB_BITS) - 1)) << shift;
    return shift == 0 ? low : low + (1L << (shift - 1));
  }
}
