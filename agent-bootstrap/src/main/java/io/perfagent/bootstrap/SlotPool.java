package io.perfagent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded lock-free pool that any thread fills and takes from (the drain thread makes items
 * ahead; a thread at its end hands its state back). A slot is taken by CAS from its item to null, so no item is handed out twice; a top
 * hint, moved up by puts and down by takes, makes the pool act as a stack, so a take finds
 * the items put last within a few looks however few there are. (Looking from a hash of the
 * taker's thread missed about half the time in a sparse pool: a thread per task then
 * allocated its state, and a fresh platform thread's first allocation costs it a TLAB of its
 * own, which is what filled the heap with 3,000 short threads.) A race on the hint costs a
 * miss, never an item given twice.
 */
final class SlotPool<T> {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle TOP;

  static {
    try {
      TOP = MethodHandles.lookup().findVarHandle(SlotPool.class, "top", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  private static final int LOOKS = 16;

  private final Object[] slots;
  private final int mask;
  /** Where the last item was put, or below where the last was taken. */
  private volatile int top;
  /** Takes that found nothing since the filler last asked (racy increments: a hint). */
  private int missed;

  /** {@code size}: a power of two. */
  SlotPool(int size) {
    slots = new Object[size];
    mask = size - 1;
  }

  /** An item, or null when none was found within a few looks. */
  @SuppressWarnings("unchecked")
  T take() {
    int t = top;
    for (int i = 0; i < LOOKS; i++) {
      int s = (t - i) & mask;
      Object o = slots[s]; // a plain read; the CAS decides
      if (o != null && SLOT.compareAndSet(slots, s, o, null)) {
        // lowered only if no put moved it meanwhile: a stale lower hint would hide its item
        TOP.compareAndSet(this, t, t - i - 1);
        return (T) o;
      }
    }
    missed++;
    return null;
  }

  /**
   * The thread that makes items ahead only: how many to make ahead now, twice the takes that found nothing
   * since it last asked, at most {@code max}; a pool its takers never miss costs nothing.
   */
  int toStock(int max) {
    int m = missed;
    if (m == 0) {
      return 0;
    }
    missed = 0;
    return Math.min(2 * m, max);
  }

  /**
   * False when there is no room near the top (the item is let go). A slot is filled by CAS, so
   * racing puts never overwrite each other; a race on the hint only hides an item until a later
   * put moves the hint past it.
   * When the slots above the hint are all taken (items a rare race left above it), the hint
   * moves above them, so takes find them again.
   */
  boolean put(T item) {
    int t = top;
    for (int i = 1; i <= LOOKS; i++) {
      int s = (t + i) & mask;
      if (slots[s] == null && SLOT.compareAndSet(slots, s, null, item)) {
        top = t + i;
        return true;
      }
    }
    top = t + LOOKS;
    return false;
  }

  /** Items held now: a scan of every slot, for tests and diagnostics. */
  int held() {
    int n = 0;
    for (int i = 0; i < slots.length; i++) {
      n += SLOT.getVolatile(slots, i) != null ? 1 : 0;
    }
    return n;
  }
}
