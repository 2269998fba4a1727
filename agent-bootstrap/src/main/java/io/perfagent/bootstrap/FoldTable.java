package io.perfagent.bootstrap;

/**
 * Per-frame table of the child stages called under one parent: how many calls each had (the
 * AUTO fold decision) and the accumulator its folded calls go into. A linear scan over at
 * most {@link #SIZE} entries: parents rarely call more than a handful of distinct stages.
 */
final class FoldTable {

  static final int SIZE = 16;

  int size;
  final int[] stage = new int[SIZE];
  final long[] calls = new long[SIZE];
  final FoldAccumulator[] acc = new FoldAccumulator[SIZE];

  /** The entry of {@code stageId}, added if missing; -1 when the table is full. */
  int index(int stageId) {
    for (int i = 0; i < size; i++) {
      if (stage[i] == stageId) {
        return i;
      }
    }
    if (size == SIZE) {
      return -1;
    }
    stage[size] = stageId;
    calls[size] = 0;
    acc[size] = null;
    return size++;
  }

  long foldedCalls() {
    long total = 0;
    for (int i = 0; i < size; i++) {
      if (acc[i] != null) {
        total += acc[i].calls;
      }
    }
    return total;
  }
}
