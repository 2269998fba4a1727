package io.perfagent.bootstrap;

/**
 * Per-frame table of the child stages called under one parent: how many calls each had (the
 * AUTO fold decision) and the accumulator its folded calls go into. A linear scan over at
 * most {@link #SIZE} entries: parents rarely call more than a handful of distinct stages.
 */
final class FoldTable {

  static final int SIZE = 16;

  /*
   * An entry's key is its stage id, or for calls made within a folded call of another stage,
   * the stage id with that stage's id + 1 above bit 16: those calls are kept apart, so the
   * enclosing stage's self time can exclude them. Ids past 15 bits are not told apart.
   */
  private static final int WITHIN_SHIFT = 16;
  private static final int MAX_ID = (1 << 15) - 1;

  /** The key of {@code stageId} called within {@code within}; -1 when ids are too large. */
  static int nestedKey(int stageId, int within) {
    return stageId > MAX_ID || within > MAX_ID ? -1 : stageId | (within + 1) << WITHIN_SHIFT;
  }

  /** The enclosing folded stage of an entry's key, or -1 for a direct child. */
  static int withinOf(int key) {
    return (key >>> WITHIN_SHIFT) - 1;
  }

  int size;
  /*
   * Two entries at first, doubled up to SIZE when full: most frames fold one or two stages,
   * and a thread that lives for one task (a virtual thread per task) should not pay for
   * sixteen.
   */
  private static final int INITIAL = 2;
  int[] stage = new int[INITIAL];
  long[] calls = new long[INITIAL];
  FoldAccumulator[] acc = new FoldAccumulator[INITIAL];
  // calls of an AUTO child that became spans (before it folded): their totals, so the
  // parent's folded figures cover every call of the child, spans included
  long[] spanCalls = new long[INITIAL];
  long[] spanErrors = new long[INITIAL];
  long[] spanWall = new long[INITIAL];
  long[] spanCpu = new long[INITIAL];
  long[] spanAlloc = new long[INITIAL];
  long[] spanRecords = new long[INITIAL];
  long[] spanBytes = new long[INITIAL];

  /** The entry of {@code stageId} (or a nested key), added if missing; -1 when full. */
  int index(int stageId) {
    int i = find(stageId);
    if (i >= 0 || size == SIZE) {
      return i;
    }
    if (size == stage.length) {
      grow();
    }
    i = size++;
    stage[i] = stageId;
    calls[i] = 0;
    acc[i] = null;
    clearSpanTotals(i);
    return i;
  }

  /** True when the next new entry makes the arrays grow. */
  boolean full() {
    return size == stage.length && size < SIZE;
  }

  private void grow() {
    int n = Math.min(SIZE, stage.length * 2);
    stage = java.util.Arrays.copyOf(stage, n);
    calls = java.util.Arrays.copyOf(calls, n);
    acc = java.util.Arrays.copyOf(acc, n);
    spanCalls = java.util.Arrays.copyOf(spanCalls, n);
    spanErrors = java.util.Arrays.copyOf(spanErrors, n);
    spanWall = java.util.Arrays.copyOf(spanWall, n);
    spanCpu = java.util.Arrays.copyOf(spanCpu, n);
    spanAlloc = java.util.Arrays.copyOf(spanAlloc, n);
    spanRecords = java.util.Arrays.copyOf(spanRecords, n);
    spanBytes = java.util.Arrays.copyOf(spanBytes, n);
  }

  /** Forgets entry {@code i}'s calls that became spans (a new window starts). */
  void clearSpanTotals(int i) {
    spanCalls[i] = spanErrors[i] = spanWall[i] = spanCpu[i] = spanAlloc[i] = 0;
    spanRecords[i] = spanBytes[i] = 0;
  }

  /** The entry of {@code stageId}, or -1. The last hit is tried first: per-record loops. */
  int find(int stageId) {
    int last = lastHit;
    if (last < size && stage[last] == stageId) {
      return last;
    }
    for (int i = 0; i < size; i++) {
      if (stage[i] == stageId) {
        lastHit = i;
        return i;
      }
    }
    return -1;
  }

  private int lastHit;

  void addSpanCall(int i, long wall, long cpu, long alloc, long recs, long byteCount,
      boolean error) {
    spanCalls[i]++;
    spanWall[i] += wall;
    spanCpu[i] += Math.max(0, cpu);
    spanAlloc[i] += Math.max(0, alloc);
    spanRecords[i] += recs;
    spanBytes[i] += byteCount;
    if (error) {
      spanErrors[i]++;
    }
  }

  /** Moves the span-call totals of entry {@code i} into its accumulator before hand-off. */
  void moveSpanTotals(int i, FoldAccumulator a) {
    a.spanCalls = spanCalls[i];
    a.spanErrors = spanErrors[i];
    a.spanWallNanos = spanWall[i];
    a.spanCpuNanos = spanCpu[i];
    a.spanAllocBytes = spanAlloc[i];
    a.spanRecords = spanRecords[i];
    a.spanBytes = spanBytes[i];
  }

  /** Folded calls held (root-level tables are flushed by count). */
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
