package io.perfagent.bootstrap;

/**
 * A bounded, lock-free pool of fold accumulators, behind each thread's own spares: the drain
 * thread puts here what their owners have no room for, instrumented threads take from here
 * when they have no spare. A miss allocates (once per parent, never per call); a full pool
 * lets the accumulator go to the garbage collector.
 */
public final class FoldPool {

  /** Of ~3 KB accumulators: at most ~3 MB pooled. */
  private static final SlotPool<FoldAccumulator> POOL = new SlotPool<>(1024);

  private FoldPool() {}

  private static final int STOCK_MAX = 256;

  /** Takes a pooled accumulator, or makes one. */
  static FoldAccumulator take() {
    FoldAccumulator acc = POOL.take();
    return acc != null ? acc : new FoldAccumulator();
  }

  /**
   * Drain thread: makes accumulators ahead when takes missed since the last pass, so a new
   * thread's folds allocate nothing on it.
   */
  public static void stock() {
    for (int i = POOL.toStock(STOCK_MAX); i > 0 && POOL.put(new FoldAccumulator()); i--) {
      // made here, on the agent's thread
    }
  }

  /**
   * Drain thread: resets a read accumulator and gives it back to the thread it came from, or
   * to the shared pool when that thread has spares enough.
   */
  public static void recycle(ThreadState owner, FoldAccumulator acc) {
    acc.reset();
    if (!owner.offerSpare(acc)) {
      POOL.put(acc);
    }
  }

  /** Drain thread: a chain of spares (linked by {@code nextSpare}), each to the pool. */
  static void giveAll(FoldAccumulator chain) {
    for (FoldAccumulator acc = chain; acc != null; ) {
      FoldAccumulator next = acc.nextSpare;
      acc.nextSpare = null;
      POOL.put(acc);
      acc = next;
    }
  }
}
