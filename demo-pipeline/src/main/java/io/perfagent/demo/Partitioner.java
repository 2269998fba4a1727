package io.perfagent.demo;

/**
 * Assigns customers to the aggregation partitions, deliberately unevenly.
 *
 * <p>Partition {@link #STRAGGLER} gets {@value #STRAGGLER_PERCENT}% of the customers (and so of
 * the records, since customers order uniformly); the other {@code PARTITIONS - 1} share the
 * rest evenly. A real pipeline gets this from a hot key; here it is built in, so that
 * {@code aggregate} waits on one task while the others have finished.
 */
public final class Partitioner {

  /** Number of partitions, one aggregation task each. */
  public static final int PARTITIONS = 4;

  /** The oversized partition. */
  public static final int STRAGGLER = 0;

  /** Share of customers in the straggler, in percent. */
  public static final int STRAGGLER_PERCENT = 70;

  private static final int OTHER_PERCENT = (100 - STRAGGLER_PERCENT) / (PARTITIONS - 1);

  private Partitioner() {}

  /** The partition of {@code customer}, from 0 to {@link #PARTITIONS} - 1. */
  public static int partitionOf(int customer) {
    // Scramble first: consecutive ids must not all land in one partition.
    int bucket = (int) Long.remainderUnsigned(mix(customer), 100);
    if (bucket < STRAGGLER_PERCENT) {
      return STRAGGLER;
    }
    return 1 + Math.min(PARTITIONS - 2, (bucket - STRAGGLER_PERCENT) / OTHER_PERCENT);
  }

  /** The 64-bit finalizer of MurmurHash3: a cheap, well-spread, seed-free scramble. */
  static long mix(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
