package io.perfagent.bootstrap;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The stage a task was submitted from: what a worker thread needs to make the task's stages
 * children of it. Created at most once per stage frame, when the frame first hands work to
 * another thread; the identity is immutable.
 *
 * <p>It also counts, across every thread its tasks run on, the calls of AUTO stages made
 * directly in those tasks: the fold decision is the parent span's, not each thread's, so a
 * parent that fans out to three thousand threads gets {@code fold.threshold} spans of a
 * per-record stage, not three thousand times that.
 */
public final class StageContext {

  /** Counters by stage id modulo this; two stages sharing one only fold sooner. */
  private static final int COUNTERS = 16;

  final long traceHi;
  final long traceLo;
  final long spanId;
  final int pipelineId;

  StageContext(long traceHi, long traceLo, long spanId, int pipelineId) {
    this.traceHi = traceHi;
    this.traceLo = traceLo;
    this.spanId = spanId;
    this.pipelineId = pipelineId;
  }

  /** Made on the first AUTO call in a task: most contexts never need one. */
  private volatile AtomicIntegerArray calls;
  private static final java.lang.invoke.VarHandle CALLS;

  static {
    try {
      CALLS = java.lang.invoke.MethodHandles.lookup().findVarHandle(StageContext.class,
          "calls", AtomicIntegerArray.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Counts a call of {@code stageId} in a task of this context; returns the count so far. */
  int countCall(int stageId) {
    AtomicIntegerArray c = calls;
    if (c == null) { // once per context, on a task's first AUTO call; no lock
      CALLS.compareAndSet(this, null, new AtomicIntegerArray(COUNTERS));
      c = calls;
    }
    int i = stageId & (COUNTERS - 1);
    int n = c.get(i);
    return n > AgentSettings.foldThreshold ? n : c.incrementAndGet(i); // no writes once past
  }
}
