package io.perfagent.bootstrap;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One thread's stage stack and record ring. Only the owning thread writes the stack; the
 * drain thread reads the ring, and the CPU sampler writes {@link #sampledCpu}.
 *
 * <p>Frames are kept in parallel primitive arrays, so pushing and popping a stage allocates
 * nothing. A frame is a span (a stage call that becomes a span), a folded call (counted into
 * its nearest span ancestor's {@link FoldAccumulator}), or a task (the context a task brought
 * from the thread that submitted it; never a span itself).
 */
public final class ThreadState {

  static final int MAX_DEPTH = 128;
  /** Frames start small and double on demand: most threads nest a few stages deep. */
  static final int INITIAL_DEPTH = 4;
  /**
   * Rings start small and double when full, up to {@link AgentSettings#ringCapacity}: a
   * short-lived thread (a virtual thread making one call) needs room for a record or two.
   */
  static final int INITIAL_RING = 4;
  static final byte SPAN = 1;
  static final byte FOLDED = 2;
  static final byte TASK = 3;

  private static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<>();
  /*
   * States by thread ID modulo the length: one array load and a compare per stage call, about
   * half of a ThreadLocal lookup, and no thread-local map made for a thread (a virtual thread
   * per task would make one each). A slot is claimed by CAS; a thread whose slot a live thread
   * holds uses CURRENT, and marks the slot SHARED so that its later lookups look there too.
   * Reading another thread's entry by a race is harmless: only the entry whose thread is the
   * caller is used, and a state is rebound to a new thread only after it left every slot.
   */
  private static final int SLOTS = 1 << 16;
  private static final ThreadState[] BY_ID = new ThreadState[SLOTS];
  private static final boolean[] SHARED = new boolean[SLOTS];
  private static final java.lang.invoke.VarHandle SLOT =
      java.lang.invoke.MethodHandles.arrayElementVarHandle(ThreadState[].class);
  /*
   * Every state the agent's threads look at. A new state is pushed on JOINING (a CAS, no
   * allocation: the state is its own link) and moved into ALL by whichever agent thread looks
   * next (all()). A queue node made on the new thread was its first allocation, and a fresh
   * platform thread's first allocation takes a TLAB of its own: 3,000 short threads filled the
   * young generation with their TLABs.
   */
  private static final ConcurrentLinkedQueue<ThreadState> ALL = new ConcurrentLinkedQueue<>();
  private static final java.util.concurrent.atomic.AtomicReference<ThreadState> JOINING =
      new java.util.concurrent.atomic.AtomicReference<>();
  private ThreadState nextJoining;
  /** In ALL (or on its way there through JOINING): set by join, cleared by forget. */
  private boolean inAll;
  /** States in ALL: a pass over them stops at those there when it began. */
  private static final java.util.concurrent.atomic.AtomicInteger LISTED =
      new java.util.concurrent.atomic.AtomicInteger();
  /** Untimed root-level folded calls between looks at the clock for the window's end. */
  private static final int WINDOW_CHECK_CALLS = 1024;

  /**
   * The owner. Rebound when a state is recycled for a new thread (see {@link #recycle}); the
   * agent's threads see the new owner through {@code JOINING} and {@code ALL}, which publish it.
   */
  public Thread thread;
  public long threadId;
  /**
   * A virtual thread (JDK 21+): its CPU time cannot be read (the JVM answers -1), so neither
   * the CPU sampler nor its task frames try.
   */
  public boolean virtual;

  private static final java.lang.invoke.MethodHandle IS_VIRTUAL = isVirtualHandle();

  private static java.lang.invoke.MethodHandle isVirtualHandle() {
    try {
      return java.lang.invoke.MethodHandles.publicLookup().findVirtual(Thread.class,
          "isVirtual", java.lang.invoke.MethodType.methodType(boolean.class));
    } catch (ReflectiveOperationException e) {
      return null; // JDK 17: no virtual threads
    }
  }

  private static boolean isVirtual(Thread t) {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(t);
    } catch (Throwable e) {
      return false;
    }
  }
  /** The ring the owner writes to (owner only). */
  private RecordRing ring;
  /** The first ring ever made; the drain thread starts there (published once). */
  private volatile RecordRing firstRing;
  /** Where the drain thread has got to in the chain of rings (drain thread only). */
  private RecordRing drainRing;
  private int capacity = INITIAL_DEPTH;

  /**
   * Cumulative CPU time of this thread as last read by the agent's CPU sampler, or -1; the
   * difference across a call is the sampled CPU estimate of that call.
   */
  public volatile long sampledCpu = -1;

  int depth;
  byte[] kind = new byte[INITIAL_DEPTH];
  int[] stage = new int[INITIAL_DEPTH];
  int[] foldParent = new int[INITIAL_DEPTH];
  /** A folded frame's entry in its parent's fold table, or -1 to look it up at exit. */
  int[] foldIndex = new int[INITIAL_DEPTH];
  int[] pipeline = new int[INITIAL_DEPTH];
  int[] flags = new int[INITIAL_DEPTH];
  long[] spanId = new long[INITIAL_DEPTH];
  long[] parentId = new long[INITIAL_DEPTH];
  long[] traceHi = new long[INITIAL_DEPTH];
  long[] traceLo = new long[INITIAL_DEPTH];
  long[] start = new long[INITIAL_DEPTH];
  long[] alloc = new long[INITIAL_DEPTH];
  long[] cpu = new long[INITIAL_DEPTH];
  long[] records = new long[INITIAL_DEPTH];
  long[] bytes = new long[INITIAL_DEPTH];
  StageContext[] ctx = new StageContext[INITIAL_DEPTH];
  FoldTable[] folds = new FoldTable[INITIAL_DEPTH];
  /**
   * What a host tracer keeps with a span frame until it ends (the OpenTelemetry agent's scope
   * of a block stage; see {@link HostSpans}); made on first use, so never under perf.jar.
   */
  Object[] host;
  /*
   * The streaming window: root-level calls (no enclosing stage) of per-record stages fold into
   * rootFolds, and every fold.window the window is handed on as a root span of its own (stage
   * StageInfo.windowStageId) with the folds under it. Open while windowSpanId != 0. An AUTO
   * stage's first fold.threshold calls in a window stay spans, marked as the window's
   * candidates: the collector puts them under the window if it comes, or keeps them as runs of
   * their own if the calls never got frequent enough to fold.
   */
  private FoldTable rootFolds;
  private long windowSpanId;
  private long windowHi;
  private long windowLo;
  private long windowStart;
  private long windowCpu0;
  private long windowAlloc0;
  private int windowStage;
  private int windowPipeline;
  /** When the last timed root-level call ended: a window closed for an ended thread ends there. */
  private long lastRootNanos;
  /** Time in the window the thread spent away from its root-level calls (see popTimedFolded). */
  private long windowIdle;
  private static final long IDLE_GAP_NANOS = 1_000_000L;
  private int rootSlowCalls;
  /** Scratch record for windows handed straight to the collector (see {@link #closeWindow}). */
  private long[] direct;
  /** The sampled CPU of the task frame being flushed, for its folds; -1 otherwise. */
  private long windowCpu = -1;

  /** Non-zero while this thread is inside an executor's submit (thread starts are its own). */
  int submitDepth;
  /** Counts span calls on this thread: picks the ones that update a stage's typical time. */
  private int tick;

  /*
   * Which folded calls are timed: per stage, a countdown of calls to the next timed one, drawn
   * at random with a mean of fold.sample. Per stage, so stages called in turn are each timed
   * on their own share of calls (one counter for the thread let one of two alternating stages
   * always fall between); at random, so a stage whose cost repeats with the sampling period
   * is not always caught at the same phase. A new entry is 0: a stage's first call is timed.
   */
  private int[] timeCountdown = new int[16];
  private long random;

  /*
   * A frameless folded call: an untimed call of a folded stage whose accumulator exists pushes
   * no frame (see enterMethod). foldBase is the depth it was entered at (its parent is frame
   * foldBase - 1), or -1 when none is open. At most one is open: calls inside it take the frame
   * path.
   */
  int foldBase = -1;
  /** The open frameless call's accumulator: Perf.records/bytes credit it directly. */
  FoldAccumulator foldAcc;

  /*
   * The hot stages: frameless folded calls' stages under the parent at hotDepth - 1, with
   * their accumulators, by stage id modulo HOT. A per-record loop calls the same few stages
   * under the same parent again and again (parse, enrich, score, emit), and this lets each
   * next call skip the parent's fold table. Valid until that parent's folds are flushed
   * (hotDepth -1: none). One entry per stage: the loop's stages called in turn each stay hot
   * (a single entry made every call of two alternating stages take the slow path).
   */
  private static final int HOT = 8;
  private final int[] hotStages = {-1, -1, -1, -1, -1, -1, -1, -1};
  private final FoldAccumulator[] hotAccs = new FoldAccumulator[HOT];
  /** A hot stage's countdown to its next timed call, kept here while it is hot. */
  private final int[] hotCountdowns = new int[HOT];
  /** A hot stage's entry in its parent's fold table. */
  private final int[] hotIndexes = new int[HOT];
  private int hotDepth = -1;

  /*
   * Spare accumulators for this thread's parents: the drain thread gives read ones back through
   * `returned` (a chain, one atomic per hand-back and one per chain taken), and accumulators of
   * folds the ring had no room for are reset and kept. Without them a thread with short
   * parents takes one from the shared pool, or allocates one, per parent.
   */
  static final int SPARE_CAP = 128;
  private final AtomicReference<FoldAccumulator> returned = new AtomicReference<>();
  private FoldAccumulator spare;
  private int spareCount;

  /**
   * Bytes this thread allocated for the agent itself (accumulators, buffers, tables). Stage
   * allocation is read net of it, so what the agent allocates inside a stage's call is not
   * charged to the stage.
   */
  private long ownAlloc;

  // drop and anomaly counters, written by the owner only, read racily by the agent
  long droppedRecords;
  long droppedFoldCalls;
  long depthOverflow;
  long unbalanced;

  /*
   * Who holds the state, with a generation that each new owner moves on: BOUND to its thread,
   * POOLED (its thread handed it back at its end and it waits in FREE, still listed in ALL), or
   * FORGOTTEN (the collector took it out of ALL after its thread died). The collector forgets
   * a dead thread's state only by a CAS from the BOUND value it read before it read the
   * thread: a state its thread handed back, and a new thread took meanwhile, has moved on.
   */
  private static final long BOUND = 0;
  private static final long POOLED = 1;
  private static final long FORGOTTEN = 2;
  private static final long STATUS = 3;
  private static final long GENERATION = 4;
  private static final java.lang.invoke.VarHandle LIFE;

  static {
    try {
      LIFE = java.lang.invoke.MethodHandles.lookup().findVarHandle(ThreadState.class, "life",
          long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through LIFE
  private volatile long life = FORGOTTEN;

  private ThreadState(Thread thread) {
    bind(thread);
  }

  private void bind(Thread t) {
    this.thread = t;
    this.threadId = t.getId();
    this.virtual = isVirtual(t);
    this.random = threadId * 0x9E3779B97F4A7C15L + System.nanoTime() | 1;
    this.sampledCpu = -1;
    if (ring != null) {
      ring.own(t);
    }
    life = (life & ~STATUS) + GENERATION | BOUND; // last: what the collector reads first
  }

  /** Collector: who holds the state now; read before {@link #thread}. */
  public long life() {
    return life;
  }

  /** True when {@code life} is that of a state waiting in the pool, its thread gone. */
  public static boolean pooled(long life) {
    return (life & STATUS) == POOLED;
  }

  /**
   * Collector, for a state whose thread it saw dead after reading {@code seen}: true when the
   * state is still that thread's, and now the collector's to forget.
   */
  public boolean claimEnded(long seen) {
    return (seen & STATUS) == BOUND && LIFE.compareAndSet(this, seen, seen | FORGOTTEN);
  }

  /*
   * States of threads that ended, drained and ready for new threads: a short-lived thread (a
   * virtual thread per task, a thread per request) then costs no allocation of frames, ring
   * or tables. Only the collector puts states here, after their thread ended and their ring
   * was drained for the last time.
   */
  private static final SlotPool<ThreadState> FREE = new SlotPool<>(4096);
  /** Only states this small are kept for reuse: a big one would hold its memory idle. */
  private static final int RECYCLE_MAX_RING = 64;
  private static final int RECYCLE_MAX_DEPTH = 16;

  /** At most this many states made ahead per pass (~2.5 KB each). */
  private static final int STOCK_MAX = 512;

  private static ThreadState takeFree(Thread t) {
    ThreadState ts = FREE.take();
    if (ts == null) {
      return new ThreadState(t);
    }
    ts.bind(t);
    return ts;
  }

  /** A state made ahead by the collector, with what a thread's first folded calls need. */
  private ThreadState() {
    ring = firstRing = new RecordRing(Math.min(INITIAL_RING, AgentSettings.ringCapacity));
    folds[0] = new FoldTable(); // a thread's task frame: what a virtual thread's call folds in
    timeCountdown = new int[Math.max(16, StageRegistry.count())];
  }

  /**
   * Collector: makes states ahead, twice as many as threads missed since the last pass, so
   * threads started by the hundred take a state made on the agent's thread instead of making
   * their own (a fresh platform thread's first allocation costs it a TLAB of its own), and the
   * fresh rings that threads handing their state on at their end missed.
   */
  public static void stock() {
    for (int i = FREE.toStock(STOCK_MAX); i > 0 && FREE.put(new ThreadState()); i--) {
      // made here, on the agent's thread
    }
    int ring = Math.min(HANDOFF_RING, AgentSettings.ringCapacity);
    for (int i = RINGS.toStock(STOCK_MAX); i > 0 && RINGS.put(new RecordRing(ring)); i--) {
      // the fresh rings of states handed on at their threads' end
    }
  }


  /**
   * Collector: keeps a forgotten state (its thread ended, its ring drained, its counters read)
   * for a new thread, cleared as if new; false when it is too big or there is no room.
   */
  public boolean recycle() {
    RecordRing r = ring;
    if (capacity > RECYCLE_MAX_DEPTH || (r != null && r.capacity() > RECYCLE_MAX_RING)) {
      return false;
    }
    if (r != null && r.next() != null) {
      return false; // not the producer's last ring: never the case after a final drain
    }
    depth = 0;
    foldBase = -1;
    foldAcc = null;
    coolDown();
    submitDepth = 0;
    windowCpu = -1;
    sampledCpu = -1;
    rootFolds = null;
    windowSpanId = 0;
    FoldPool.giveAll(spare); // a pooled state holds no accumulators idle: others may use them
    FoldPool.giveAll(returned.getAndSet(null));
    spare = null;
    spareCount = 0;
    ownAlloc = 0;
    droppedRecords = droppedFoldCalls = depthOverflow = unbalanced = 0;
    java.util.Arrays.fill(timeCountdown, 0);
    java.util.Arrays.fill(ctx, null);
    for (FoldTable t : folds) {
      if (t != null) {
        t.size = 0;
        java.util.Arrays.fill(t.acc, null);
      }
    }
    firstRing = r;
    drainRing = null;
    return FREE.put(this);
  }

  /*
   * Rings of the smallest size that the collector drained to their end after their thread moved
   * on, for states handed back at a thread's end: each such hand-back starts a fresh ring.
   */
  private static final SlotPool<RecordRing> RINGS = new SlotPool<>(1024);
  /**
   * A handed-on state's fresh ring: room for what one short thread writes (a virtual thread's
   * one fold), doubling like any ring if it writes more. Small, because a flood of short
   * threads leaves one per thread waiting for the drain thread.
   */
  static final int HANDOFF_RING = 2;

  /**
   * The owner, at the end of its {@code run()} (the thread-run frame just ended): hands the
   * state to the next thread now, instead of leaving it for the collector to find dead. The
   * records written so far stay in the ring chain for the collector, and the state goes on in
   * a fresh ring; it stays listed, so the collector never walks it out and back in. Without
   * this, a flood of short threads (a virtual thread per task) left a state of ~3 KB per
   * thread waiting for the collector's next look: 100,000 virtual threads held ~200 MB.
   */
  private void retire() {
    RecordRing r = ring;
    long seen = life;
    if ((seen & STATUS) != BOUND || thread != Thread.currentThread() || windowSpanId != 0
        || foldBase >= 0 || capacity > RECYCLE_MAX_DEPTH || r == null
        || r.capacity() > RECYCLE_MAX_RING) {
      return; // the collector's way: after the thread is seen dead
    }
    // a platform thread takes one from the pool only: one that allocated nothing yet would
    // take a TLAB of its own for it (3,000 short threads filled the young generation so), and
    // a miss leaves its state to the collector, which makes rings ahead for the next ones. A
    // virtual thread allocates in its carrier's TLAB: it makes one
    RecordRing fresh = RINGS.take();
    if (fresh == null && !virtual) {
      return;
    }
    if (fresh == null) {
      fresh = new RecordRing(Math.min(HANDOFF_RING, AgentSettings.ringCapacity));
    }
    int slot = (int) threadId & (SLOTS - 1);
    if (!SLOT.compareAndSet(BY_ID, slot, this, null) && SHARED[slot]
        && CURRENT.get() == this) {
      CURRENT.remove();
    }
    r.link(fresh); // the collector drains r to its end, then follows to fresh (owned at bind)
    ring = fresh;
    coolDown();
    submitDepth = 0;
    rootFolds = null;
    ownAlloc = 0; // a count of this thread's allocation, which the next thread's does not add to
    java.util.Arrays.fill(ctx, null);
    // the countdowns stay: the states' threads share them as one thread's calls would, so a
    // thread making one call is timed one time in fold.sample, not every time
    if (LIFE.compareAndSet(this, seen, (seen & ~STATUS) | POOLED) && !FREE.put(this)) {
      life = seen; // no room: the collector forgets it as before once its thread has ended
    }
  }

  /**
   * Collector: a ring the drain has finished with (its producer moved on to the next), kept
   * for a state handed back at its thread's end if it is of the smallest size.
   */
  static void ringDone(RecordRing r) {
    if (r.capacity() == Math.min(HANDOFF_RING, AgentSettings.ringCapacity)) {
      r.reset();
      RINGS.put(r);
    }
  }

  /** True when this call of {@code stageId} is not one to time; counts it down. */
  private boolean untimed(int stageId) {
    int[] c = timeCountdown;
    if (stageId < c.length) {
      int n = c[stageId] - 1;
      if (n > 0) {
        c[stageId] = n;
        return true;
      }
    }
    return false;
  }

  /** A timed call of {@code stageId}: draws the distance to the next one. */
  private void timedNow(int stageId) {
    int[] c = timeCountdown;
    if (stageId >= c.length) {
      long before = Probes.allocatedBytes();
      c = java.util.Arrays.copyOf(c, Math.max(stageId + 1, c.length * 2));
      ownAllocSince(before);
      timeCountdown = c;
    }
    long sample = AgentSettings.foldSampleMask + 1L;
    long x = random;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    random = x;
    // uniform over 1 .. 2 * sample - 1 (a multiply and a shift, not a division): a mean of
    // one timed call in fold.sample
    c[stageId] = 1 + (int) (((x >>> 32) * (2 * sample - 1)) >>> 32);
  }

  /** The calling thread's state, created on first use. */
  static ThreadState current() {
    Thread t = Thread.currentThread();
    ThreadState ts = BY_ID[(int) t.getId() & (SLOTS - 1)];
    return ts != null && ts.thread == t ? ts : currentSlow(t);
  }

  private static ThreadState currentSlow(Thread t) {
    int slot = (int) t.getId() & (SLOTS - 1);
    ThreadState ts = SHARED[slot] ? CURRENT.get() : null;
    if (ts != null) {
      return ts;
    }
    while (true) {
      ThreadState held = (ThreadState) SLOT.getVolatile(BY_ID, slot);
      if (ts == null) {
        ts = takeFree(t);
      }
      if (held != null && held.thread.isAlive()) {
        SHARED[slot] = true; // before CURRENT is set: this thread's next lookup reads it
        CURRENT.set(ts);
        join(ts);
        return ts;
      }
      if (SLOT.compareAndSet(BY_ID, slot, held, ts)) {
        join(ts);
        return ts;
      }
      // another thread took the slot first: look again
    }
  }

  /** The calling thread's state, or null when it never entered a stage. */
  static ThreadState peek() {
    Thread t = Thread.currentThread();
    int slot = (int) t.getId() & (SLOTS - 1);
    ThreadState ts = BY_ID[slot];
    return ts != null && ts.thread == t ? ts : SHARED[slot] ? CURRENT.get() : null;
  }

  /** Every thread that ever entered a stage and has not been forgotten (agent side). */
  public static Iterable<ThreadState> all() {
    adopt();
    return ALL;
  }

  /** Lists the states that joined since the last look (agent side), at the end of all(). */
  public static void adopt() {
    ThreadState ts = JOINING.getAndSet(null);
    int n = 0;
    while (ts != null) {
      ThreadState next = ts.nextJoining;
      ts.nextJoining = null;
      ALL.add(ts);
      n++;
      ts = next;
    }
    if (n > 0) {
      LISTED.addAndGet(n);
    }
  }

  /**
   * How many states {@link #all()} lists now. The list is appended to while it is walked (a
   * pass that followed threads started during it never ended while virtual threads kept
   * coming, and nothing it held was handed on); the first {@code listed()} are those listed
   * when the walk began.
   */
  public static int listed() {
    return LISTED.get();
  }

  private static void join(ThreadState ts) {
    if (ts.inAll) {
      return; // handed back by its last thread, never taken out of ALL
    }
    ts.inAll = true;
    while (true) {
      ThreadState head = JOINING.get();
      ts.nextJoining = head;
      if (JOINING.compareAndSet(head, ts)) {
        return;
      }
    }
  }

  /**
   * Drops a dead thread's state once its ring is drained (agent side), after the caller took
   * it out of {@link #all()} through its iterator (a removal by value scans the whole queue:
   * quadratic with a hundred thousand threads ending), and keeps it for reuse if it can.
   */
  public static void forget(ThreadState ts) {
    LISTED.decrementAndGet();
    ts.inAll = false;
    SLOT.compareAndSet(BY_ID, (int) ts.threadId & (SLOTS - 1), ts, null);
    ts.recycle();
  }

  /**
   * Drain thread: reads every record published so far, following the chain to rings made
   * when an earlier one filled up. Returns the number of records read.
   */
  public int drain(RecordRing.Reader reader) {
    RecordRing r = drainRing != null ? drainRing : firstRing;
    if (r == null) {
      return 0;
    }
    drainedThread = r.owner();
    int n = r.drain(reader);
    RecordRing next;
    while ((next = r.next()) != null) {
      n += r.drain(reader); // records published before the owner moved on
      ringDone(r);
      r = next;
      drainedThread = r.owner();
      n += r.drain(reader);
    }
    drainRing = r;
    return n;
  }

  /** The ring being drained's thread (drain thread only): whose records are being read. */
  private Thread drainedThread;

  /**
   * Drain thread: the thread whose records are being read, which is not {@link #thread} for
   * records a state's earlier thread wrote before it ended and handed the state on.
   */
  public Thread drainedThread() {
    Thread t = drainedThread;
    return t != null ? t : thread;
  }

  /** Records dropped because this thread's ring was full (racy read is fine). */
  public long droppedRecords() {
    return droppedRecords;
  }

  /**
   * Stage calls open on this thread: its frames less the task frames (a task's context is no
   * stage call of its own); racy read from another thread, fine for a count at exit.
   */
  public int openStageCalls() {
    int d = Math.min(depth, kind.length);
    byte[] k = kind;
    int n = foldBase >= 0 ? 1 : 0; // a frameless folded call
    for (int i = 0; i < d && i < k.length; i++) {
      if (k[i] != TASK) {
        n++;
      }
    }
    return n;
  }

  /** Depth of the stack; racy read from another thread (CPU sampler) is fine. */
  public int depth() {
    return depth;
  }

  public long droppedFoldCalls() {
    return droppedFoldCalls;
  }

  public long depthOverflow() {
    return depthOverflow;
  }

  public long unbalanced() {
    return unbalanced;
  }

  /** Claims a record slot, growing the ring chain while allowed; -1 (counted) when full. */
  private int claim() {
    RecordRing r = ring;
    if (r == null) {
      long before = Probes.allocatedBytes();
      r = new RecordRing(Math.min(INITIAL_RING, AgentSettings.ringCapacity));
      ownAllocSince(before);
      r.own(thread);
      ring = r;
      firstRing = r;
    }
    int o = r.claim();
    if (o < 0 && r.capacity() < AgentSettings.ringCapacity) {
      long before = Probes.allocatedBytes();
      RecordRing bigger = new RecordRing(Math.min(r.capacity() * 2, AgentSettings.ringCapacity));
      ownAllocSince(before);
      bigger.own(thread);
      r.link(bigger); // the old ring is never written again
      ring = bigger;
      o = bigger.claim();
    }
    if (o < 0) {
      droppedRecords++;
    }
    return o;
  }

  /** Bytes the thread allocated so far, net of the agent's own; -1 when not supported. */
  private long appAllocated() {
    long a = Probes.allocatedBytes();
    return a < 0 ? -1 : a - ownAlloc;
  }

  /** Counts what the agent allocated since {@code before} (a reading, or -1) as its own. */
  private void ownAllocSince(long before) {
    if (before >= 0) {
      ownAlloc += Probes.allocatedBytes() - before;
    }
  }

  /** Stages.capture: a context object made inside a stage is the agent's, not the stage's. */
  StageContext newContext(int p) {
    long before = Probes.allocatedBytes();
    StageContext c = new StageContext(traceHi[p], traceLo[p], spanId[p], pipeline[p]);
    ownAllocSince(before);
    return c;
  }

  /**
   * Makes room for frame {@code d}; false past {@link #MAX_DEPTH}, counted against
   * {@code stageId} (or only the thread's total for a task frame, -1).
   */
  private boolean ensureDepth(int d, int stageId) {
    if (d < capacity) {
      return true;
    }
    if (d >= MAX_DEPTH) {
      depthOverflow++;
      if (stageId >= 0) {
        StageRegistry.stage(stageId).countUntracked();
      }
      return false;
    }
    int n = Math.min(capacity * 2, MAX_DEPTH);
    long before = Probes.allocatedBytes();
    kind = java.util.Arrays.copyOf(kind, n);
    stage = java.util.Arrays.copyOf(stage, n);
    foldParent = java.util.Arrays.copyOf(foldParent, n);
    foldIndex = java.util.Arrays.copyOf(foldIndex, n);
    pipeline = java.util.Arrays.copyOf(pipeline, n);
    flags = java.util.Arrays.copyOf(flags, n);
    spanId = java.util.Arrays.copyOf(spanId, n);
    parentId = java.util.Arrays.copyOf(parentId, n);
    traceHi = java.util.Arrays.copyOf(traceHi, n);
    traceLo = java.util.Arrays.copyOf(traceLo, n);
    start = java.util.Arrays.copyOf(start, n);
    alloc = java.util.Arrays.copyOf(alloc, n);
    cpu = java.util.Arrays.copyOf(cpu, n);
    records = java.util.Arrays.copyOf(records, n);
    bytes = java.util.Arrays.copyOf(bytes, n);
    ctx = java.util.Arrays.copyOf(ctx, n);
    folds = java.util.Arrays.copyOf(folds, n);
    if (host != null) {
      host = java.util.Arrays.copyOf(host, n);
    }
    ownAllocSince(before);
    capacity = n;
    return true;
  }

  /** {@link FoldTable#index}, what a table's growth allocates counted as the agent's own. */
  private int indexOf(FoldTable t, int key) {
    if (!t.full()) {
      return t.index(key);
    }
    long before = Probes.allocatedBytes();
    int i = t.index(key);
    ownAllocSince(before);
    return i;
  }

  private FoldTable folds(int frame) {
    FoldTable t = folds[frame];
    if (t == null) {
      long before = Probes.allocatedBytes();
      t = new FoldTable();
      ownAllocSince(before);
      folds[frame] = t;
    }
    return t;
  }

  /** Nearest frame that is a span or a task (what a new stage becomes a child of), or -1. */
  int spanAncestor(int top) {
    if (top < 0) {
      return -1;
    }
    return kind[top] == FOLDED ? foldParent[top] : top;
  }

  /**
   * The span frame that the {@link #enterMethod} or {@link #push} just made for
   * {@code stageId}, or -1 when the call was folded (with or without a frame of its own).
   */
  int spanFrame(int stageId) {
    int top = depth - 1;
    if (foldBase == depth || top < 0) {
      return -1;
    }
    return kind[top] == SPAN && stage[top] == stageId ? top : -1;
  }

  /** Keeps {@code o} with frame {@code f} (see {@link #host}). */
  void keepHost(int f, Object o) {
    if (host == null) {
      host = new Object[capacity];
    }
    host[f] = o;
  }

  /** Takes what {@link #keepHost} kept with frame {@code f}, or null. */
  Object takeHost(int f) {
    if (host == null) {
      return null;
    }
    Object o = host[f];
    host[f] = null;
    return o;
  }

  /**
   * Gives span frame {@code f} the ids of the span a host tracer opened for it, so the records,
   * its children's parent ids and the contexts its tasks take all name that span.
   */
  void adoptIds(int f, long hi, long lo, long id) {
    traceHi[f] = hi;
    traceLo[f] = lo;
    spanId[f] = id;
    ctx[f] = null; // a context made before would carry the old ids
  }

  /** Flag of a folded frame whose call is timed (one in {@link AgentSettings#foldSample}). */
  static final int F_TIMED = 1;

  int push(int stageId) {
    return push(stageId, StageRegistry.stage(stageId).mode);
  }

  /**
   * Enters {@code stageId}, whose mode the woven code passes as a constant. Decides span or
   * folded; the folded path is kept small so the JIT inlines it into the caller.
   */
  int enterMethod(int stageId, int mode) {
    int d = depth;
    int k = stageId & (HOT - 1);
    if (d == hotDepth && hotStages[k] == stageId && foldBase < 0) {
      int n = hotCountdowns[k] - 1;
      if (n > 0) {
        hotCountdowns[k] = n;
        foldBase = d;
        foldAcc = hotAccs[k];
        return d + 1;
      }
    }
    return enterMethodSlow(stageId, mode, d);
  }

  /** The rest of {@link #enterMethod}, apart so that the hot path stays small. */
  private int enterMethodSlow(int stageId, int mode, int d) {
    int k = stageId & (HOT - 1);
    if (d == hotDepth && hotStages[k] == stageId && foldBase < 0) {
      // a hot stage's call to time: a frame, and the cache stays for the calls after it
      if (d >= capacity && !ensureDepth(d, stageId)) {
        return 0;
      }
      int token = pushFolded(d, stageId, d - 1, hotIndexes[k], true);
      hotCountdowns[k] = timeCountdown[stageId];
      return token;
    }
    if (foldBase > d) {
      foldBase = -1; // its parent is gone (an exit was missed): forget it
    }
    if (foldBase < 0 && mode != StageInfo.MODE_SPAN && (d == 0 || kind[d - 1] != FOLDED)) {
      // the per-record path: count the call, and when it is not one to time and its
      // accumulator exists, push no frame at all (most of a folded call's cost was the frame:
      // stores to eight arrays and their bounds checks, then the pop). At the root, the same
      // under the thread's streaming window.
      int p = d - 1;
      FoldTable t = p >= 0 ? folds(p) : window(stageId);
      int i = indexOf(t, stageId);
      FoldAccumulator acc = i >= 0 ? t.acc[i] : null;
      if (acc != null) {
        // folded before under this parent, so past the AUTO threshold: no count to keep
        if (untimed(stageId)) {
          foldBase = d;
          foldAcc = acc;
          if (hotDepth != d) {
            coolDown(); // the cache holds one parent's stages
            hotDepth = d;
          }
          int h = hotStages[k];
          if (h >= 0) {
            timeCountdown[h] = hotCountdowns[k]; // the stage it replaces: back to the table
          }
          hotStages[k] = stageId;
          hotAccs[k] = acc;
          hotIndexes[k] = i;
          hotCountdowns[k] = timeCountdown[stageId];
          return d + 1;
        }
        if (d >= capacity && !ensureDepth(d, stageId)) {
          return 0;
        }
        return pushFolded(d, stageId, p, i, true);
      } else if (mode == StageInfo.MODE_AUTO && !pastThreshold(p, t, i, stageId)) {
        return push(stageId, mode, false);
      }
      if (d >= capacity && !ensureDepth(d, stageId)) {
        return 0;
      }
      return pushFolded(d, stageId, p, i);
    }
    return push(stageId, mode, true);
  }

  /**
   * Counts an AUTO call of {@code stageId} under frame {@code p} (entry {@code i} of its fold
   * table, -1 when full: then it stays a span); true once the calls are past
   * {@code fold.threshold}. Under a task the count is the parent span's, over all the threads
   * its tasks ran on ({@link StageContext#countCall}).
   */
  private boolean pastThreshold(int p, FoldTable t, int i, int stageId) {
    if (i < 0) {
      return false;
    }
    if (++t.calls[i] > AgentSettings.foldThreshold) {
      return true;
    }
    StageContext c = p >= 0 && kind[p] == TASK ? ctx[p] : null;
    return c != null && c.countCall(stageId) > AgentSettings.foldThreshold;
  }

  /** Ends the hot-stage cache, the countdowns written back to the table. */
  private void coolDown() {
    if (hotDepth >= 0) {
      for (int k = 0; k < HOT; k++) {
        int h = hotStages[k];
        if (h >= 0) {
          timeCountdown[h] = hotCountdowns[k]; // in range: it came from there
          hotStages[k] = -1;
          hotAccs[k] = null;
        }
      }
      hotDepth = -1;
    }
  }

  int push(int stageId, int mode) {
    return push(stageId, mode, true);
  }

  /** {@code count}: false when enterMethod already counted this AUTO call. */
  private int push(int stageId, int mode, boolean count) {
    int d = depth;
    if (foldBase > d) {
      foldBase = -1; // as in enterMethod
    }
    if (foldBase == d) {
      // inside a frameless folded call: its children fold under the same parent, apart from
      // the same stage's direct calls (the enclosing call's self time excludes theirs)
      return d >= capacity && !ensureDepth(d, stageId) ? 0
          : pushFolded(d, stageId, d - 1, nestedIndex(d - 1, stageId, foldAcc.stageId));
    }
    if (d >= capacity && !ensureDepth(d, stageId)) {
      return 0;
    }
    if (d == 0) {
      if (mode == StageInfo.MODE_SPAN || !count) {
        return pushSpan(d, stageId, -1); // !count: enterMethod decided it stays a span
      }
      FoldTable t = window(stageId);
      int i = indexOf(t, stageId);
      return mode == StageInfo.MODE_AUTO && !pastThreshold(-1, t, i, stageId)
          ? pushSpan(d, stageId, -1) : pushFolded(d, stageId, -1, i);
    }
    if (kind[d - 1] == FOLDED) {
      // a folded call has no span for its children to hang from: they fold under its parent,
      // noting the folded stage they ran within
      int p = foldParent[d - 1];
      return pushFolded(d, stageId, p, nestedIndex(p, stageId, stage[d - 1]));
    }
    if (mode == StageInfo.MODE_AGGREGATE) {
      return pushFolded(d, stageId, d - 1, indexOf(folds(d - 1), stageId));
    }
    if (mode == StageInfo.MODE_AUTO && count) {
      FoldTable t = folds(d - 1);
      int i = indexOf(t, stageId);
      if (pastThreshold(d - 1, t, i, stageId)) {
        return pushFolded(d, stageId, d - 1, i);
      }
    }
    return pushSpan(d, stageId, d - 1);
  }

  /**
   * The per-record path: count every call, time one in {@code fold.sample}. An untimed call
   * reads no clock and no counter, which is what makes it cost a few nanoseconds.
   */
  private int pushFolded(int d, int stageId, int p, int foldIndex) {
    return pushFolded(d, stageId, p, foldIndex, !untimed(stageId));
  }

  /** The fold table entry of {@code stageId} called within a folded call of {@code within}. */
  private int nestedIndex(int p, int stageId, int within) {
    int key = FoldTable.nestedKey(stageId, within);
    return key < 0 ? -1 : indexOf(p >= 0 ? folds(p) : window(stageId), key);
  }

  private int pushFolded(int d, int stageId, int p, int foldIndex, boolean timed) {
    kind[d] = FOLDED;
    stage[d] = stageId;
    foldParent[d] = p;
    this.foldIndex[d] = foldIndex;
    records[d] = 0;
    bytes[d] = 0;
    depth = d + 1;
    if (timed) {
      timedNow(stageId);
      flags[d] = F_TIMED;
      alloc[d] = appAllocated();
      start[d] = System.nanoTime();
      cpu[d] = sampledCpu;
    } else {
      flags[d] = 0;
    }
    return d + 1;
  }

  private int pushSpan(int d, int stageId, int p) {
    StageInfo info = StageRegistry.stage(stageId);
    kind[d] = SPAN;
    stage[d] = stageId;
    foldParent[d] = p;
    records[d] = 0;
    bytes[d] = 0;
    ctx[d] = null;
    if (folds[d] != null) {
      folds[d].size = 0;
    }
    int f = 0;
    spanId[d] = SpanIds.next();
    if (p >= 0) {
      parentId[d] = spanId[p];
      traceHi[d] = traceHi[p];
      traceLo[d] = traceLo[p];
      pipeline[d] = pipeline[p];
    } else {
      // a root; when it is a per-record stage's call in an open window, the window's
      // candidate (F_WINDOWED, the window's id in the parent field: see rootFolds)
      boolean candidate = info.mode != StageInfo.MODE_SPAN && windowSpanId != 0;
      parentId[d] = candidate ? windowSpanId : 0;
      traceHi[d] = SpanIds.next();
      traceLo[d] = SpanIds.next();
      pipeline[d] = info.rootPipelineId;
      f |= RecordRing.F_ROOT | (candidate ? RecordRing.F_WINDOWED : 0);
    }
    if (info.block) {
      f |= RecordRing.F_BLOCK;
    }
    long c = -1;
    if (info.typicalNanos >= AgentSettings.cpuExactNanos && !virtual) {
      c = Probes.currentThreadCpu();
    }
    if (c >= 0) {
      f |= RecordRing.F_CPU_EXACT;
    }
    cpu[d] = c;
    flags[d] = f;
    alloc[d] = appAllocated();
    depth = d + 1;
    start[d] = System.nanoTime(); // the agent's own work above is not the stage's
    if ((f & RecordRing.F_CPU_EXACT) == 0) {
      // read inside the wall window, so a sample is credited only to calls it fell within
      cpu[d] = sampledCpu;
    }
    return d + 1;
  }


  /**
   * A task frame's flag (never written to a record): the frame is its thread's {@code run()},
   * so when it ends the thread ends, and the state can go to the next thread at once.
   */
  static final int THREAD_RUN = 1 << 30;

  /** A task frame's flag (never in a record): the context came from another process. */
  static final int REMOTE = 1 << 29;

  /** A task frame for the stage of another process that a traceparent named. */
  int pushRemote(StageContext c) {
    int token = pushTask(c);
    if (token > 0) {
      flags[token - 1] |= REMOTE;
    }
    return token;
  }

  /**
   * Marks the span just pushed under a {@link #pushRemote} frame as this process's top of its
   * run (its record carries {@link RecordRing#F_REMOTE_PARENT}); done here, on the one path
   * that opens one, not checked on every push.
   */
  void markRemoteChild(int token) {
    int d = token - 1;
    if (d > 0 && kind[d] == SPAN && isRemote(d - 1)) {
      flags[d] |= RecordRing.F_REMOTE_PARENT;
    }
  }

  boolean isRemote(int d) {
    return kind[d] == TASK && (flags[d] & REMOTE) != 0;
  }

  /** {@code Thread.run()} with the context its {@code start()} captured; see {@link #retire}. */
  int pushThreadRun(StageContext c) {
    int token = pushTask(c);
    if (token == 1) {
      flags[0] |= THREAD_RUN;
    }
    return token;
  }

  int pushTask(StageContext c) {
    int d = depth;
    if (!ensureDepth(d, -1)) {
      return 0;
    }
    kind[d] = TASK;
    stage[d] = -1;
    foldParent[d] = -1;
    spanId[d] = c.spanId;
    traceHi[d] = c.traceHi;
    traceLo[d] = c.traceLo;
    pipeline[d] = c.pipelineId;
    records[d] = 0;
    bytes[d] = 0;
    ctx[d] = c;
    if (folds[d] != null) {
      folds[d].size = 0;
    }
    // when the task ran, and the thread's sampled CPU then: the window its folded calls are
    // placed in, on this thread, and how busy the thread was in it. A thread the sampler has
    // not read yet (a new pool thread's first task) reads its CPU once itself
    long c0 = sampledCpu;
    flags[d] = 0;
    if (c0 < 0 && !virtual) {
      c0 = Probes.currentThreadCpu();
      sampledCpu = c0;
      // and once more at its end: a thread started for this task usually ends before the
      // sampler's first read, and a sampled end equal to this start would read as idle
      flags[d] = RecordRing.F_CPU_EXACT;
    }
    cpu[d] = c0;
    start[d] = System.nanoTime();
    depth = d + 1;
    return d + 1;
  }

  /** Brings the stack back to {@code token} frames when an exit was missed. */
  private boolean realign(int token) {
    if (depth == token) {
      return true;
    }
    if (depth < token) {
      return false; // this frame is gone already
    }
    while (depth > token) {
      depth--;
      unbalanced++;
      flushFolds(depth, 0);
    }
    return true;
  }

  /** Method exit: pops the top frame if it is {@code stageId}'s, realigning if it is not. */
  void popStage(int stageId, Throwable error) {
    if (foldBase == depth && foldAcc.stageId == stageId) {
      foldAcc.countCall(error); // its records and bytes were credited to it directly
      foldBase = -1;
      return;
    }
    int top = depth - 1;
    if (top >= 0 && stage[top] == stageId) {
      byte k = kind[top];
      if (k == FOLDED) {
        popFolded(top, error);
        return;
      }
      if (k != TASK) {
        pop(top + 1, error);
        return;
      }
    }
    for (int d = top - 1; d >= 0; d--) { // an exit was missed above this frame
      if (stage[d] == stageId && kind[d] != TASK) {
        pop(d + 1, error);
        return;
      }
    }
  }

  void pop(int token, Throwable error) {
    int d = token - 1;
    if (depth == token && kind[d] == FOLDED) {
      popFolded(d, error);
      return;
    }
    long sampledEnd = sampledCpu; // inside the wall window, like the read in push()
    long end = System.nanoTime();
    if (!realign(token)) {
      return;
    }
    if (kind[d] == TASK) {
      if ((flags[d] & RecordRing.F_CPU_EXACT) != 0 && folds[d] != null && folds[d].size > 0) {
        sampledEnd = Probes.currentThreadCpu();
      }
      windowCpu = sampledEnd >= 0 && cpu[d] >= 0 ? sampledEnd - cpu[d] : -1;
      flushFolds(d, end - start[d]);
      windowCpu = -1;
      depth = d;
      if (d == 0 && (flags[0] & THREAD_RUN) != 0) {
        retire();
      }
      return;
    }
    if (kind[d] == FOLDED) {
      popFolded(d, error);
      return;
    }
    long allocEnd = appAllocated();
    long allocDelta = allocEnd >= 0 && alloc[d] >= 0 ? allocEnd - alloc[d] : -1;
    StageInfo info = StageRegistry.stage(stage[d]);
    long wall = end - start[d];
    long typical = info.typicalNanos;
    if (typical == Long.MAX_VALUE || (++tick & 15) == 0) {
      // a shared field: written on a sample of calls, so threads do not fight over its line
      info.typicalNanos = typical == Long.MAX_VALUE ? wall : typical + ((wall - typical) >> 3);
    }
    long cpuDelta;
    if ((flags[d] & RecordRing.F_CPU_EXACT) != 0) {
      cpuDelta = Probes.currentThreadCpu() - cpu[d];
    } else {
      cpuDelta = sampledEnd >= 0 && cpu[d] >= 0 ? sampledEnd - cpu[d] : 0;
    }
    int p = foldParent[d];
    boolean candidate = (flags[d] & RecordRing.F_WINDOWED) != 0;
    if (info.mode == StageInfo.MODE_AUTO && (p >= 0 || candidate)) {
      // a window's candidate counts in the window's table, as a parent's AUTO child does
      FoldTable t = p >= 0 ? folds[p] : parentId[d] == windowSpanId ? rootFolds : null;
      int i = t == null ? -1 : t.find(stage[d]);
      if (i >= 0) {
        t.addSpanCall(i, wall, cpuDelta, allocDelta, records[d], bytes[d], error != null);
      }
    }
    flushFolds(d, end - start[d]);
    writeSpan(d, end, cpuDelta, allocDelta, error);
    depth = d;
  }

  /**
   * Leaves a folded call. The common case (untimed, under a parent, accumulator in place) is
   * a few loads and adds, small enough for the JIT to inline into the woven method; the rest
   * goes to {@link #popFoldedSlow}.
   */
  private void popFolded(int d, Throwable error) {
    int p = foldParent[d];
    int i = foldIndex[d];
    if ((flags[d] & F_TIMED) == 0 && p >= 0 && i >= 0) {
      FoldTable t = folds[p];
      FoldAccumulator acc = t.acc[i];
      if (acc != null) {
        acc.count(records[d], bytes[d], error);
        depth = d;
        return;
      }
    }
    popFoldedSlow(d, error);
  }

  private void popFoldedSlow(int d, Throwable error) {
    if ((flags[d] & F_TIMED) != 0) {
      popTimedFolded(d, error);
      return;
    }
    FoldAccumulator acc = accumulator(d);
    if (acc != null) {
      acc.count(records[d], bytes[d], error);
    }
    depth = d;
    if (foldParent[d] < 0 && (++rootSlowCalls & (WINDOW_CHECK_CALLS - 1)) == 0) {
      maybeCloseWindow(System.nanoTime());
    }
  }

  private void popTimedFolded(int d, Throwable error) {
    long sampledEnd = sampledCpu;
    long end = System.nanoTime();
    long allocEnd = appAllocated(); // before a new accumulator, which is not the call's
    FoldAccumulator acc = accumulator(d);
    if (acc != null) {
      acc.count(records[d], bytes[d], error);
      long allocDelta = allocEnd >= 0 && alloc[d] >= 0 ? allocEnd - alloc[d] : -1;
      long cpuDelta = sampledEnd >= 0 && cpu[d] >= 0 ? sampledEnd - cpu[d] : 0;
      long before = acc.wall.growsOnNextRecord() ? Probes.allocatedBytes() : -1;
      acc.time(start[d], end, cpuDelta, allocDelta, records[d], bytes[d], error,
          StageRegistry.stage(stage[d]).mode == StageInfo.MODE_AGGREGATE
              ? 0 : AgentSettings.exemplars);
      ownAllocSince(before);
    }
    depth = d;
    if (foldParent[d] < 0) {
      // a gap since the last timed root-level call far beyond the calls between them: the
      // thread was away (waiting for input, or in other work), and the window's folds were
      // not running then
      long gap = start[d] - lastRootNanos;
      long expected = 2L * (AgentSettings.foldSampleMask + 1) * (end - start[d]);
      if (gap > IDLE_GAP_NANOS && gap > expected) {
        windowIdle += gap - expected;
      }
      lastRootNanos = end;
      maybeCloseWindow(end);
    }
  }

  /** The accumulator folded frame {@code d} counts into, or null (counted) when full. */
  private FoldAccumulator accumulator(int d) {
    int p = foldParent[d];
    FoldTable t = p >= 0 ? folds(p) : window(stage[d]);
    int i = foldIndex[d];
    if (i < 0) {
      i = indexOf(t, stage[d]);
      if (i < 0) {
        droppedFoldCalls++;
        return null;
      }
    }
    FoldAccumulator acc = t.acc[i];
    return acc != null ? acc : newAccumulator(t, i, stage[d]);
  }

  private FoldAccumulator newAccumulator(FoldTable t, int i, int stageId) {
    FoldAccumulator acc = takeSpare();
    acc.stageId = stageId;
    acc.withinStageId = FoldTable.withinOf(t.stage[i]);
    t.acc[i] = acc;
    return acc;
  }

  /** A spare accumulator: this thread's own, then the ones given back, then the shared pool. */
  private FoldAccumulator takeSpare() {
    FoldAccumulator acc = spare;
    if (acc == null && returned.get() != null) {
      acc = returned.getAndSet(null);
      spareCount = acc == null ? 0 : acc.chainLength;
    }
    if (acc == null) {
      long before = Probes.allocatedBytes();
      acc = FoldPool.take(); // from the pool, or a new one
      ownAllocSince(before);
      return acc;
    }
    spare = acc.nextSpare;
    spareCount--;
    acc.nextSpare = null;
    return acc;
  }

  /** Keeps an accumulator whose fold the ring had no room for (owner only). */
  private void keepSpare(FoldAccumulator acc) {
    if (spareCount < SPARE_CAP) {
      acc.reset();
      acc.nextSpare = spare;
      spare = acc;
      spareCount++;
    }
  }

  /**
   * Drain thread: gives a read and reset accumulator back to the thread it came from; false
   * when that thread already has {@link #SPARE_CAP} waiting.
   */
  boolean offerSpare(FoldAccumulator acc) {
    while (true) { // races only with the owner taking the whole chain
      FoldAccumulator head = returned.get();
      int n = head == null ? 0 : head.chainLength;
      if (n >= SPARE_CAP) {
        return false;
      }
      acc.nextSpare = head;
      acc.chainLength = n + 1;
      if (returned.compareAndSet(head, acc)) {
        return true;
      }
    }
  }

  private void writeSpan(int d, long end, long cpuDelta, long allocDelta, Throwable error) {
    int o = claim();
    if (o < 0) {
      return;
    }
    RecordRing r = ring;
    long[] a = r.data();
    int f = flags[d] | (error != null ? RecordRing.F_ERROR : 0);
    a[o + RecordRing.HEADER] = RecordRing.header(RecordRing.KIND_SPAN, stage[d], f);
    a[o + RecordRing.SPAN_ID] = spanId[d];
    a[o + RecordRing.PARENT_ID] = parentId[d];
    a[o + RecordRing.TRACE_HI] = traceHi[d];
    a[o + RecordRing.TRACE_LO] = traceLo[d];
    a[o + RecordRing.START] = start[d];
    a[o + RecordRing.END] = end;
    a[o + RecordRing.CPU] = cpuDelta;
    a[o + RecordRing.ALLOC] = allocDelta;
    a[o + RecordRing.RECORDS] = records[d];
    a[o + RecordRing.BYTES] = bytes[d];
    a[o + RecordRing.PIPELINE] = pipeline[d];
    r.publish(o, error);
  }

  /**
   * Hands frame {@code d}'s accumulators on; {@code windowNanos} is its wall time from
   * {@code start[d]} (a span or a task), or 0.
   */
  private void flushFolds(int d, long windowNanos) {
    if (hotDepth == d + 1) {
      coolDown(); // its accumulator is handed on below
    }
    FoldTable t = folds[d];
    if (t == null) {
      return;
    }
    for (int i = 0; i < t.size; i++) {
      FoldAccumulator acc = t.acc[i];
      if (acc == null && kind[d] == TASK && t.spanCalls[i] > 0
          && FoldTable.withinOf(t.stage[i]) < 0) {
        // an AUTO stage whose calls in this task all stayed spans, while other threads of the
        // same parent folded it: the analysis counts a parent's calls of a stage from its
        // folds, so these spans' totals go as a fold of their own (no folded calls)
        acc = newAccumulator(t, i, t.stage[i]);
      }
      if (acc != null) {
        t.acc[i] = null;
        t.moveSpanTotals(i, acc);
        acc.windowNanos = windowNanos;
        acc.windowStartNanos = windowNanos > 0 ? start[d] : 0;
        acc.windowCpuNanos = windowCpu;
        writeFold(acc, spanId[d], traceHi[d], traceLo[d], pipeline[d],
            kind[d] == TASK ? RecordRing.F_TASK : 0);
      }
    }
    t.size = 0;
  }

  private void writeFold(FoldAccumulator acc, long parent, long hi, long lo, int pipelineId,
      int flags) {
    int o = claim();
    if (o < 0) {
      droppedFoldCalls += acc.calls;
      keepSpare(acc);
      return;
    }
    RecordRing r = ring;
    long[] a = r.data();
    boolean counts = acc.countsOnly();
    a[o + RecordRing.HEADER] = RecordRing.header(RecordRing.KIND_FOLD, acc.stageId,
        counts ? flags | RecordRing.F_COUNTS : flags);
    a[o + RecordRing.SPAN_ID] = 0;
    a[o + RecordRing.PARENT_ID] = parent;
    a[o + RecordRing.TRACE_HI] = hi;
    a[o + RecordRing.TRACE_LO] = lo;
    a[o + RecordRing.PIPELINE] = pipelineId;
    if (counts) {
      acc.writeCounts(a, o);
      r.publish(o, null);
      keepSpare(acc);
      return;
    }
    r.publish(o, acc);
  }

  /** The streaming window's fold table, the window opened if none is (a root-level call). */
  private FoldTable window(int stageId) {
    if (rootFolds == null) {
      long before = Probes.allocatedBytes();
      rootFolds = new FoldTable();
      ownAllocSince(before);
    }
    if (windowSpanId != 0 && rootFolds.foldedCalls() == 0) {
      // nothing folds in it, so no timed call ends it: a root call now and then (a batch
      // root every few seconds) must not gather in one old window until it "folds"
      maybeCloseWindow(System.nanoTime());
    }
    if (windowSpanId == 0) {
      StageInfo info = StageRegistry.stage(stageId);
      windowSpanId = SpanIds.next();
      windowHi = SpanIds.next();
      windowLo = SpanIds.next();
      windowStage = info.windowStageId;
      windowPipeline = info.rootPipelineId;
      windowCpu0 = virtual ? -1 : Probes.currentThreadCpu(); // once a window: exact
      windowAlloc0 = appAllocated();
      windowIdle = 0;
      windowStart = System.nanoTime();
      lastRootNanos = windowStart;
    }
    return rootFolds;
  }

  private void maybeCloseWindow(long now) {
    if (windowSpanId != 0 && now - windowStart >= AgentSettings.foldWindowNanos) {
      closeWindow(now, null);
    }
  }

  /**
   * Hands the window on: its folds, then its span (a root; flagged empty when nothing folded,
   * so the collector lets its candidates go as runs of their own). {@code to} is null on the
   * owner thread, which writes to its ring; the collector passes its reader for a thread that
   * ended or is outside any stage at exit, and the records go to it straight, not through a
   * ring the owner may still write.
   */
  private void closeWindow(long end, RecordRing.Reader to) {
    FoldTable t = rootFolds;
    if (t == null || windowSpanId == 0) {
      return;
    }
    if (hotDepth == 0) {
      coolDown(); // its accumulator is handed on below
    }
    boolean own = to == null;
    long cpu = windowCpu0 < 0 ? -1
        : own ? Probes.currentThreadCpu() - windowCpu0
        : thread.isAlive() ? Probes.threadCpu(threadId) - windowCpu0 : -1;
    long alloc = own && windowAlloc0 >= 0 ? appAllocated() - windowAlloc0 : -1;
    long recs = 0;
    long byteCount = 0;
    boolean folded = false;
    for (int i = 0; i < t.size; i++) {
      FoldAccumulator acc = t.acc[i];
      if (acc == null) {
        t.calls[i] = 0; // not folded in this window: counted afresh in the next
        continue;
      }
      t.acc[i] = null;
      t.moveSpanTotals(i, acc); // the calls that were its candidates
      folded = true;
      recs += acc.records;
      byteCount += acc.bytes;
      // the time the thread was at its calls: their wall is capped by it, and the window's CPU
      // spread over it (a stream paused between bursts did not compute while it waited)
      acc.windowNanos = Math.max(1, end - windowStart - windowIdle);
      acc.windowStartNanos = windowStart;
      acc.windowCpuNanos = cpu;
      emit(RecordRing.header(RecordRing.KIND_FOLD, acc.stageId, 0), 0, windowSpanId, 0, 0, 0,
          0, recs, byteCount, acc, to); // trace, times and totals are the span's, below
      // calls[i] stays past the threshold: in the next window this stage folds from its first
    }
    for (int i = 0; i < t.size; i++) {
      t.clearSpanTotals(i);
    }
    int f = RecordRing.F_ROOT | (folded ? RecordRing.F_WINDOW : RecordRing.F_WINDOW_EMPTY)
        | (cpu >= 0 ? RecordRing.F_CPU_EXACT : 0);
    emit(RecordRing.header(RecordRing.KIND_SPAN, windowStage, f), windowSpanId, 0, windowStart,
        end, cpu, alloc, recs, byteCount, null, to);
    windowSpanId = 0;
  }

  /** One record of the window, to the ring or straight to the collector's reader. */
  private void emit(long header, long spanIdValue, long parent, long startNanos, long end,
      long cpuNanos, long allocBytes, long recs, long byteCount, Object ref,
      RecordRing.Reader to) {
    long[] a;
    int o;
    if (to == null) {
      o = claim();
      if (o < 0) {
        if (ref instanceof FoldAccumulator) {
          droppedFoldCalls += ((FoldAccumulator) ref).calls;
          keepSpare((FoldAccumulator) ref);
        }
        return;
      }
      a = ring.data();
    } else {
      if (direct == null) {
        direct = new long[RecordRing.WIDTH];
      }
      a = direct;
      o = 0;
    }
    a[o + RecordRing.HEADER] = header;
    a[o + RecordRing.SPAN_ID] = spanIdValue;
    a[o + RecordRing.PARENT_ID] = parent;
    a[o + RecordRing.TRACE_HI] = windowHi;
    a[o + RecordRing.TRACE_LO] = windowLo;
    a[o + RecordRing.START] = startNanos;
    a[o + RecordRing.END] = end;
    a[o + RecordRing.CPU] = cpuNanos;
    a[o + RecordRing.ALLOC] = allocBytes;
    a[o + RecordRing.RECORDS] = recs;
    a[o + RecordRing.BYTES] = byteCount;
    a[o + RecordRing.PIPELINE] = windowPipeline;
    if (to == null) {
      ring.publish(o, ref);
    } else {
      to.read(a, o, ref);
    }
  }

  /**
   * Measures what a timed folded call's wall time includes besides the call: the clock and
   * counter reads and the hooks' own code. Runs {@code calls} folded calls of an AGGREGATE
   * stage through the same hooks woven code calls, under a throwaway task frame, each around
   * a body of known cost (a short chain of multiply-adds, timed without the hooks in batches
   * in turn), and returns the median over rounds of the timed calls' median wall time less
   * the body's cost (ns), never below two clock reads, or -1 when the calling thread is
   * inside a stage. A body of real work is measured,
   * not an empty one: the processor overlaps two clock reads with nothing between them,
   * which makes an empty call read cheaper than the hooks are around work. Nothing it records
   * leaves the thread. With {@code warmUp}, as many calls run first unmeasured, so the JIT
   * compiles them as it does the application's: interpreted, the hooks cost several times
   * more.
   */
  long calibrateTimer(int stageId, int calls, boolean warmUp) {
    if (depth != 0 || foldBase >= 0) {
      return -1;
    }
    if (pushTask(new StageContext(0, 0, 0, 0)) == 0) {
      return -1;
    }
    FoldTable t = folds(0);
    int i = indexOf(t, stageId);
    FoldAccumulator acc = newAccumulator(t, i, stageId);
    acc.raw = true;
    long sink = 0;
    try {
      if (warmUp) {
        for (int n = 0; n < calls; n++) {
          sink += hookedCall(stageId, n);
        }
        for (int k = 0; k < 2 * calls / CALIBRATION_BATCH; k++) {
          sink += bodyBatch(k); // compiled too, or the bare body reads slow
        }
      }
      // hooked calls and bare bodies in turn, a difference per round: a burst of other work
      // on the machine spoils a round or two, not the median
      long[] diffs = new long[CALIBRATION_ROUNDS];
      int rounds = 0;
      long[] batch = new long[CALIBRATION_BATCHES];
      for (int r = 0; r < CALIBRATION_ROUNDS; r++) {
        acc.reset();
        acc.stageId = stageId;
        acc.raw = true;
        for (int n = 0; n < calls / CALIBRATION_ROUNDS; n++) {
          sink += hookedCall(stageId, n);
        }
        if (acc.timedCalls == 0) {
          continue;
        }
        long hooked = acc.wall.percentile(50);
        for (int k = 0; k < batch.length; k++) {
          long t0 = System.nanoTime();
          sink += bodyBatch(k);
          batch[k] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(batch);
        diffs[rounds++] = hooked - batch[batch.length / 2] / CALIBRATION_BATCH;
      }
      calibrationSink = sink;
      if (rounds == 0) {
        return -1;
      }
      java.util.Arrays.sort(diffs, 0, rounds);
      // the hooks read the clock twice: never less than that costs
      return Math.max(diffs[(rounds - 1) / 2], clockReadNanos());
    } finally {
      // the frame goes without a flush: none of it is the application's
      t.acc[i] = null;
      t.size = 0;
      coolDown();
      foldBase = -1;
      depth = 0;
      keepSpare(acc);
    }
  }

  private static final int CALIBRATION_ROUNDS = 8;
  private static final int CALIBRATION_BATCHES = 16;
  private static final int CALIBRATION_BATCH = 256;

  /** The median time between two back-to-back clock reads. */
  private static long clockReadNanos() {
    long[] d = new long[63];
    for (int i = 0; i < d.length; i++) {
      long t0 = System.nanoTime();
      d[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(d);
    return d[d.length / 2];
  }
  static volatile long calibrationSink;

  /** What a woven AGGREGATE method does around its body; its own method, so it is compiled. */
  private static long hookedCall(int stageId, long x) {
    ThreadState ts = Stages.enterStage(stageId, StageInfo.MODE_AGGREGATE);
    long r = calibrationBody(x);
    Stages.exitStage(ts, stageId, null);
    return r;
  }

  /**
   * {@link #CALIBRATION_BATCH} bare bodies, each taking the last one's result: a call's time
   * from start to end, as the clock reads around a timed call see it (independent bodies
   * would overlap in the processor and read cheaper). In a method of its own so the JIT
   * compiles it.
   */
  private static long bodyBatch(long seed) {
    long x = seed;
    for (int n = 0; n < CALIBRATION_BATCH; n++) {
      x = calibrationBody(x);
    }
    return x;
  }

  /** About a hundred nanoseconds of dependent multiply-adds the JIT cannot remove. */
  static long calibrationBody(long x) {
    for (int n = 0; n < 64; n++) {
      x = x * 0x9E3779B97F4A7C15L + n;
    }
    return x;
  }

  /**
   * Collector, for a thread that has ended: hands the window it still held straight to
   * {@code reader}, ending where its last timed call did (its writes are visible: a thread's
   * end happens-before {@code isAlive()} returning false, and no one else writes its state).
   */
  public void closeWindowOfEnded(RecordRing.Reader reader) {
    if (!thread.isAlive() && windowSpanId != 0) {
      closeWindow(Math.max(windowStart, lastRootNanos), reader);
    }
  }

  /**
   * Collector, at exit, once woven code has stopped entering stages: hands on the window of a
   * thread that is still running but outside any stage (so it writes nothing more), ending
   * now. A thread inside a stage keeps it, and its calls are counted as still open.
   */
  public void closeWindowAtExit(RecordRing.Reader reader) {
    if (windowSpanId != 0 && depth == 0 && foldBase < 0) {
      closeWindow(System.nanoTime(), reader);
    }
  }

  /** Root-level folded calls this thread holds and has not handed on yet (racy read). */
  public long pendingRootFoldCalls() {
    FoldTable t = rootFolds;
    return t == null ? 0 : t.foldedCalls();
  }

  /** Closes the calling thread's own window (its own call, at exit). */
  void flushRootFolds() {
    if (windowSpanId != 0) {
      closeWindow(System.nanoTime(), null);
    }
  }
}
