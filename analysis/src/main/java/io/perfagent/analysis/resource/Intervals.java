package io.perfagent.analysis.resource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A union of time intervals (epoch ns), sorted and disjoint. Overlapping inputs are merged, so
 * parallel or nested calls of one stage count their common time once: the question asked of
 * it is "while this stage ran", not "per call".
 */
public final class Intervals {

  private final long[] starts;
  private final long[] ends;
  private final long totalNanos;

  private Intervals(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
    long t = 0;
    for (int i = 0; i < starts.length; i++) {
      t += ends[i] - starts[i];
    }
    totalNanos = t;
  }

  /** The union of {@code [start, end]} pairs; empty and reversed pairs are dropped. */
  public static Intervals union(List<long[]> pairs) {
    List<long[]> sorted = new ArrayList<>();
    for (long[] p : pairs) {
      if (p[1] > p[0]) {
        sorted.add(p);
      }
    }
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] s = new long[sorted.size()];
    long[] e = new long[sorted.size()];
    int n = 0;
    for (long[] p : sorted) {
      if (n > 0 && p[0] <= e[n - 1]) {
        e[n - 1] = Math.max(e[n - 1], p[1]);
      } else {
        s[n] = p[0];
        e[n] = p[1];
        n++;
      }
    }
    return new Intervals(Arrays.copyOf(s, n), Arrays.copyOf(e, n));
  }

  public long totalNanos() {
    return totalNanos;
  }

  public boolean isEmpty() {
    return starts.length == 0;
  }

  /** Nanoseconds of {@code [from, to]} covered by these intervals. */
  public long overlapNanos(long from, long to) {
    long sum = 0;
    for (int i = firstEndingAfter(from); i < starts.length && starts[i] < to; i++) {
      sum += Math.min(to, ends[i]) - Math.max(from, starts[i]);
    }
    return sum;
  }

  /** Whether an instant lies within an interval, ends included. */
  public boolean contains(long t) {
    int i = firstEndingAfter(t - 1);
    return i < starts.length && starts[i] <= t;
  }

  /** Index of the first interval with {@code end > t}; binary search on the sorted ends. */
  private int firstEndingAfter(long t) {
    int lo = 0;
    int hi = ends.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ends[mid] > t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
