package io.perfagent.bootstrap;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free pool of fold accumulators, behind each thread's own spares: the drain
 * thread puts here what their owners have no room for, instrumented threads take from here
 * when they have no spare. A miss allocates (once per parent, never per call); a full pool
 * lets the accumulator go to the garbage collector.
 */
public final class FoldPool {

  private static final int SIZE = 1024; // of ~3 KB accumulators: at most ~3 MB pooled
  private static final AtomicReferenceArray<FoldAccumulator> SLOTS =
      new AtomicReferenceArray<>(SIZE);

  private FoldPool() {}

  /**
   * Takes a pooled accumulator, or makes one. {@code cursor} is where the caller's last look
   * ended: the slots are filled in hash order, so a fixed start would keep seeing the same 16.
   */
  static FoldAccumulator take(int cursor) {
    for (int i = 0; i < 16; i++) {
      int slot = (cursor + i) & (SIZE - 1);
      FoldAccumulator acc = SLOTS.get(slot);
      if (acc != null && SLOTS.compareAndSet(slot, acc, null)) {
        return acc;
      }
    }
    return new FoldAccumulator();
  }

  /**
   * Drain thread: resets a read accumulator and gives it back to the thread it came from, or
   * to the shared pool when that thread has spares enough.
   */
  public static void recycle(ThreadState owner, FoldAccumulator acc) {
    acc.reset();
    if (!owner.offerSpare(acc)) {
      give(acc);
    }
  }

  /** A chain of spares (linked by {@code nextSpare}), each to the pool while it has room. */
  static void giveAll(FoldAccumulator chain) {
    for (FoldAccumulator acc = chain; acc != null; ) {
      FoldAccumulator next = acc.nextSpare;
      acc.nextSpare = null;
      give(acc);
      acc = next;
    }
  }

  /**
   * A few looks, not a scan: a full pool is the common case when many threads end at once (a
   * scan of all 1,024 slots per accumulator was a quarter of the drain thread's time with
   * 100,000 virtual threads).
   */
  private static void give(FoldAccumulator acc) {
    int start = System.identityHashCode(acc);
    for (int i = 0; i < 16; i++) {
      int slot = (start + i) & (SIZE - 1);
      if (SLOTS.get(slot) == null && SLOTS.compareAndSet(slot, null, acc)) {
        return;
      }
    }
  }
}
