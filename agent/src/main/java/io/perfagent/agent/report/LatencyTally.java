package io.perfagent.agent.report;

import java.util.Arrays;

/**
 * Wall times of many calls in little memory: sixteen buckets per power of two (a value is
 * known to ±3 %, as close as the folded figures' one-digit buckets), stored sparsely, so a
 * tally of calls that all took about the same time holds a handful of buckets. Values below
 * 16 ns count exactly. Single writer; not thread-safe.
 */
final class LatencyTally {

  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;

  private int[] index = new int[4];
  private long[] counts = new long[4];
  private int size;

  /** Counts {@code count} calls of {@code nanos} each. */
  void add(long nanos, long count) {
    if (count <= 0) {
      return;
    }
    int i = bucket(Math.max(0, nanos));
    int at = Arrays.binarySearch(index, 0, size, i);
    if (at >= 0) {
      counts[at] += count;
      return;
    }
    at = -at - 1;
    if (size == index.length) {
      index = Arrays.copyOf(index, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    System.arraycopy(index, at, index, at + 1, size - at);
    System.arraycopy(counts, at, counts, at + 1, size - at);
    index[at] = i;
    counts[at] = count;
    size++;
  }

  /** Counts buckets given as parallel arrays of values (ns) and counts. */
  void addAll(long[] valuesNanos, long[] bucketCounts) {
    for (int i = 0; i < valuesNanos.length && i < bucketCounts.length; i++) {
      add(valuesNanos[i], bucketCounts[i]);
    }
  }

  void addAll(LatencyTally o) {
    for (int i = 0; i < o.size; i++) {
      add(middle(o.index[i]), o.counts[i]);
    }
  }

  long totalCount() {
    long t = 0;
    for (int i = 0; i < size; i++) {
      t += counts[i];
    }
    return t;
  }

  /** Each bucket's middle value (ns, ascending). */
  long[] values() {
    long[] v = new long[size];
    for (int i = 0; i < size; i++) {
      v[i] = middle(index[i]);
    }
    return v;
  }

  long[] counts() {
    return Arrays.copyOf(counts, size);
  }

  /** Nearest-rank percentile {@code p} (0–100) as a bucket's middle value; 0 when empty. */
  long percentile(double p) {
    long total = totalCount();
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100 * total));
    long seen = 0;
    for (int i = 0; i < size; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return middle(index[i]);
      }
    }
    return middle(index[size - 1]);
  }

  static int bucket(long nanos) {
    if (nanos < SUB) {
      return (int) nanos;
    }
    int exp = 63 - Long.numberOfLeadingZeros(nanos); // >= SUB_BITS
    int shift = exp - SUB_BITS;
    return shift * SUB + (int) (nanos >>> shift); // the top five bits: SUB..2*SUB-1
  }

  static long middle(int bucket) {
    if (bucket < 2 * SUB) {
      return bucket;
    }
    int shift = bucket / SUB - 1;
    long top = bucket - shift * SUB; // SUB..2*SUB-1
    long low = top << shift;
    return low + (1L << shift) / 2;
  }
}
