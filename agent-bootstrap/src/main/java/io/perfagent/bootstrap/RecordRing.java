package io.perfagent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer, single-consumer ring of fixed-width records: the instrumented
 * thread is the only producer, the agent's drain thread the only consumer.
 *
 * <p>Each record is {@link #WIDTH} longs plus one object slot (an exception or a fold
 * accumulator). The producer publishes with a release store of {@code tail}; the consumer
 * frees slots with a release store of {@code head}. When the ring is full the producer does
 * not wait: its {@link ThreadState} either links a ring twice the size (up to the configured
 * bound) or drops the record and counts it.
 */
public final class RecordRing {

  public static final int WIDTH = 12;

  public static final int KIND_SPAN = 1;
  public static final int KIND_FOLD = 2;

  public static final int F_ERROR = 1;
  public static final int F_CPU_EXACT = 2;
  public static final int F_ROOT = 4;
  public static final int F_BLOCK = 16;
  /** A fold made in a task on another thread: its parent span may end much later. */
  public static final int F_TASK = 32;
  /** A root call of a per-record stage made in an open streaming window (its parent field). */
  public static final int F_WINDOWED = 64;
  /** A streaming window's span, with folded calls under it. */
  public static final int F_WINDOW = 128;
  /** A streaming window in which nothing folded: its candidates are runs of their own. */
  public static final int F_WINDOW_EMPTY = 256;
  /** A fold of counts alone, in the record's longs ({@link FoldAccumulator#readCounts}). */
  public static final int F_COUNTS = 512;
  /** A span whose parent is another process's stage (a traceparent): this process's top. */
  public static final int F_REMOTE_PARENT = 1024;

  // record layout
  public static final int HEADER = 0; // kind | stageId << 8 | flags << 40
  public static final int SPAN_ID = 1;
  public static final int PARENT_ID = 2;
  public static final int TRACE_HI = 3;
  public static final int TRACE_LO = 4;
  public static final int START = 5;
  public static final int END = 6;
  public static final int CPU = 7;
  public static final int ALLOC = 8;
  public static final int RECORDS = 9;
  public static final int BYTES = 10;
  public static final int PIPELINE = 11;

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(RecordRing.class, "head", long.class);
      TAIL = lookup.findVarHandle(RecordRing.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long[] data;
  private final Object[] refs;
  private final int mask;
  @SuppressWarnings("unused") // accessed through HEAD
  private volatile long head;
  @SuppressWarnings("unused") // accessed through TAIL
  private volatile long tail;
  private long headCache; // producer's last view of head
  /** The ring the producer moved on to when this one was full; set once. */
  private volatile RecordRing next;
  /**
   * The thread whose records these are: a state handed on to a new thread at its old one's end
   * moves to a fresh ring, so each ring has one producer and its records one thread. Written
   * before the producer's first publish, so a reader that saw a record sees it.
   */
  private Thread owner;

  public RecordRing(int capacity) {
    int size = capacity <= 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1; // power of two
    data = new long[size * WIDTH];
    refs = new Object[size];
    mask = size - 1;
  }

  public static long header(int kind, int stageId, int flags) {
    return kind | ((long) stageId << 8) | ((long) flags << 40);
  }

  public static int kind(long header) {
    return (int) (header & 0xFF);
  }

  public static int stageId(long header) {
    return (int) ((header >>> 8) & 0xFFFF_FFFFL);
  }

  public static int flags(long header) {
    return (int) (header >>> 40);
  }

  /**
   * Reserves the next record slot and returns its offset in {@link #data}, or -1 (counted as a
   * drop) when the ring is full. The caller fills the record and then calls {@link #publish}.
   */
  int claim() {
    long t = (long) TAIL.getOpaque(this);
    if (t - headCache >= refs.length) {
      headCache = (long) HEAD.getAcquire(this);
      if (t - headCache >= refs.length) {
        return -1;
      }
    }
    return (int) (t & mask) * WIDTH;
  }

  int capacity() {
    return refs.length;
  }

  /** Producer: from now on writes go to {@code bigger}; this ring is only drained. */
  void link(RecordRing bigger) {
    next = bigger;
  }

  /** Producer, before its first record: the thread these records will be of. */
  void own(Thread thread) {
    owner = thread;
  }

  /** Consumer: the thread whose records these are (null for a ring never written). */
  Thread owner() {
    return owner;
  }

  /**
   * Consumer, once it has drained this ring past the producer's move to {@link #next}: clears
   * the link and the owner, so the ring can serve another thread. Its positions go on from
   * where they are.
   */
  void reset() {
    next = null;
    owner = null;
  }

  /** Consumer: the ring the producer moved on to, or null. */
  RecordRing next() {
    return next;
  }

  long[] data() {
    return data;
  }

  void publish(int offset, Object ref) {
    long t = (long) TAIL.getOpaque(this);
    refs[(int) (t & mask)] = ref;
    TAIL.setRelease(this, t + 1);
  }

  /** Consumer side: a view of one readable record. */
  public interface Reader {
    void read(long[] data, int offset, Object ref);
  }

  /** Consumer side: reads every published record, then frees their slots. Returns the count. */
  int drain(Reader reader) {
    long h = (long) HEAD.getOpaque(this);
    long t = (long) TAIL.getAcquire(this);
    for (long i = h; i < t; i++) {
      int slot = (int) (i & mask);
      Object ref = refs[slot];
      refs[slot] = null;
      reader.read(data, slot * WIDTH, ref);
    }
    if (t != h) {
      HEAD.setRelease(this, t);
    }
    return (int) (t - h);
  }
}
