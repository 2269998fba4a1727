package io.perfagent.bootstrap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stage stack seen by a host tracer that owns the span objects: the upstream OpenTelemetry
 * agent, through perf-otel-extension. There a stage that stays a span is also the agent's
 * current span while it runs (its HTTP and JDBC spans nest under it, its executor
 * instrumentation carries it to other threads), so the extension opens a real span when the
 * stage stack makes a span frame, and the frame takes that span's ids. The span is ended by
 * the collector, not by the woven method: only once the frame's record is drained, its folded
 * children attached and its CPU known are its attributes complete, and it then ends with the
 * explicit end time of the call.
 *
 * <p>Everything here is shared by all class loaders: helpers injected into each application
 * class loader are copies, so state they kept themselves would split per loader. The host's
 * objects are held as {@code Object}: no OpenTelemetry type is visible on this class path.
 *
 * <p>Under perf.jar nothing calls this class.
 */
public final class HostSpans {

  private HostSpans() {}

  /**
   * The anchor of the epoch clock that both the spans' start (set when the call enters) and
   * the collector's end times (set when it is drained) are read from, so a span's duration is
   * exactly its call's {@code System.nanoTime()} difference.
   */
  public static final long ANCHOR_EPOCH_NANOS;
  public static final long ANCHOR_NANO_TIME;

  static {
    Instant now = Instant.now();
    ANCHOR_NANO_TIME = System.nanoTime();
    ANCHOR_EPOCH_NANOS = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** The host's tracer, set once by the extension before any stage runs; null until then. */
  public static volatile Object tracer;
  /** The host's context key under which a span stage's {@link StageContext} travels. */
  public static volatile Object contextKey;

  /** Spans opened for span frames and not yet ended, by span id. */
  private static final ConcurrentHashMap<Long, Object> OPEN = new ConcurrentHashMap<>();

  /** The span frame the stage call just entered made, or -1 (folded, or not tracked). */
  public static int spanFrame(ThreadState ts, int stageId) {
    return ts == null ? -1 : ts.spanFrame(stageId);
  }

  /**
   * The stage's span name: a pipeline entry that is a root of its trace here is named after its
   * pipeline, any other call after its stage (as perf.jar names it).
   */
  public static String spanName(ThreadState ts, int f) {
    StageInfo info = StageRegistry.stage(ts.stage[f]);
    return (ts.flags[f] & RecordRing.F_ROOT) != 0 && info.isPipelineEntry()
        ? info.pipeline : info.name;
  }

  /** When frame {@code f} started, in epoch nanoseconds on the shared anchor. */
  public static long startEpochNanos(ThreadState ts, int f) {
    return ANCHOR_EPOCH_NANOS + (ts.start[f] - ANCHOR_NANO_TIME);
  }

  /**
   * Frame {@code f} is the host's {@code span}, with these ids; the span is held until the
   * collector ends it ({@link #take}).
   */
  public static void adopt(ThreadState ts, int f, long traceHi, long traceLo, long spanId,
      Object span) {
    ts.adoptIds(f, traceHi, traceLo, spanId);
    OPEN.put(spanId, span);
  }

  /**
   * Keeps {@code scope} (what ends the span's being current) with frame {@code f} until
   * {@link #release}: a block stage's, whose opening and closing are two calls.
   */
  public static void keep(ThreadState ts, int f, Object scope) {
    ts.keepHost(f, scope);
  }

  /**
   * How many records the thread dropped so far (its buffer full): a span frame whose pop
   * drops its record will never reach the collector, so its span must be ended by the caller.
   */
  public static long droppedRecords(ThreadState ts) {
    return ts == null ? 0 : ts.droppedRecords;
  }

  /** The calling thread's state, or null when it has none yet. */
  public static ThreadState current() {
    return ThreadState.peek();
  }

  /** The scope {@link #adopt} kept with the innermost frame, which is taken off it; or null. */
  public static Object release(ThreadState ts) {
    if (ts == null || ts.depth == 0) {
      return null;
    }
    return ts.takeHost(ts.depth - 1);
  }

  /** The context tasks submitted in frame {@code f} run in (see {@link Stages#capture}). */
  public static StageContext context(ThreadState ts, int f) {
    StageContext c = ts.ctx[f];
    if (c == null) {
      c = ts.newContext(f);
      ts.ctx[f] = c;
    }
    return c;
  }

  /**
   * The calling thread's state when it is inside a stage, else null: then a stage entered now
   * takes its parent from the host's current context (a task the host's executor
   * instrumentation carried here). One lookup serves this and {@link Stages#enterStageOn}.
   */
  public static ThreadState inStage() {
    ThreadState ts = ThreadState.peek();
    return ts == null || ts.depth == 0 ? null : ts;
  }

  /** The span opened for {@code spanId}, no longer held; null when none was. */
  public static Object take(long spanId) {
    return OPEN.remove(spanId);
  }

  /** Every span still held (at exit: calls that never ended or whose records were dropped). */
  public static List<Object> takeAll() {
    List<Object> out = new ArrayList<>(OPEN.values());
    OPEN.clear();
    return out;
  }

  /** How many spans are held now. */
  public static int held() {
    return OPEN.size();
  }

  /** The three ids of a remote parent frame (below span frame {@code f}), or null. */
  public static long[] remoteParent(ThreadState ts, int f) {
    int p = f - 1;
    if (p < 0 || !ts.isRemote(p)) {
      return null;
    }
    return new long[] {ts.traceHi[p], ts.traceLo[p], ts.spanId[p]};
  }
}
