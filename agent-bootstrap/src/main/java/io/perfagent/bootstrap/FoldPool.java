package io.perfagent.bootstrap;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free pool of fold accumulators: the drain thread returns them after reading,
 * instrumented threads take them when a parent first folds a stage. A miss allocates (once per
 * parent, never per call); a full pool lets the accumulator go to the garbage collector.
 */
public final class FoldPool {

  private static final int SIZE = 1024; // of ~3 KB accumulators: at most ~3 MB pooled
  private static final AtomicReferenceArray<FoldAccumulator> SLOTS =
      new AtomicReferenceArray<>(SIZE);

  private FoldPool() {}

  static FoldAccumulator take(int hint) {
    for (int i = 0; i < 16; i++) {
      int slot = (hint + i) & (SIZE - 1);
      FoldAccumulator acc = SLOTS.get(slot);
      if (acc != null && SLOTS.compareAndSet(slot, acc, null)) {
        return acc;
      }
    }
    return new FoldAccumulator();
  }

  /** Returns a read accumulator (drain thread). */
  public static void give(FoldAccumulator acc) {
    acc.reset();
    int start = System.identityHashCode(acc);
    for (int i = 0; i < SIZE; i++) {
      int slot = (start + i) & (SIZE - 1);
      if (SLOTS.get(slot) == null && SLOTS.compareAndSet(slot, null, acc)) {
        return;
      }
    }
  }
}
