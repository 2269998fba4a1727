package io.perfagent.agent.collect;

import io.perfagent.analysis.model.FoldedAggregate;
import java.util.List;

/**
 * One stage call that became a span, as drained from its thread's ring, with the folded
 * calls of its children attached. Built and mutated only by the drain thread; handed to
 * sinks once complete.
 */
public final class FinishedStage {

  public final int stageId;
  public final long spanId;
  public final long parentSpanId;
  public final long traceHi;
  public final long traceLo;
  /** Epoch nanoseconds. */
  public final long startEpochNanos;
  public final long endEpochNanos;
  public final long cpuNanos;
  public final boolean cpuExact;
  /** Bytes allocated by the thread during the call, -1 when the JVM cannot tell. */
  public final long allocBytes;
  public final long records;
  public final long bytes;
  public final int pipelineId;
  public final boolean root;
  public final boolean exemplar;
  public final Throwable error;
  public final long threadId;
  public final String threadName;
  /** Made on the first fold: most spans have none. */
  private FoldSet folds;
  /** Its parent is another process's stage, named by a traceparent. */
  private boolean remoteParent;

  FinishedStage(int stageId, long spanId, long parentSpanId, long traceHi, long traceLo,
      long startEpochNanos, long endEpochNanos, long cpuNanos, boolean cpuExact,
      long allocBytes, long records, long bytes, int pipelineId, boolean root, boolean exemplar,
      Throwable error, long threadId, String threadName) {
    this.stageId = stageId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.traceHi = traceHi;
    this.traceLo = traceLo;
    this.startEpochNanos = startEpochNanos;
    this.endEpochNanos = endEpochNanos;
    this.cpuNanos = cpuNanos;
    this.cpuExact = cpuExact;
    this.allocBytes = allocBytes;
    this.records = records;
    this.bytes = bytes;
    this.pipelineId = pipelineId;
    this.root = root;
    this.exemplar = exemplar;
    this.error = error;
    this.threadId = threadId;
    this.threadName = threadName;
  }

  void markRemoteParent() {
    remoteParent = true;
  }

  /**
   * The top of its trace in this process: a root, or a stage opened under another process's
   * stage. Its span carries this process's resource timeline over the call.
   */
  public boolean processTop() {
    return root || remoteParent;
  }

  void addFold(FoldSummary fold) {
    set().add(fold, threadId);
  }

  /** Folds that arrived before this span did (its tasks' and its own thread's). */
  void addFolds(FoldSet waiting) {
    set().addAll(waiting, threadId);
  }

  private FoldSet set() {
    if (folds == null) {
      folds = new FoldSet();
    }
    return folds;
  }

  /**
   * This call as a child of {@code parent} in its trace (a root-level call that turned out to
   * be part of a streaming window), with its folds.
   */
  FinishedStage under(FinishedStage parent) {
    FinishedStage c = new FinishedStage(stageId, spanId, parent.spanId, parent.traceHi,
        parent.traceLo, startEpochNanos, endEpochNanos, cpuNanos, cpuExact, allocBytes, records,
        bytes, parent.pipelineId, false, exemplar, error, threadId, threadName);
    for (FoldSummary f : folds()) {
      c.addFold(f);
    }
    return c;
  }

  /**
   * Folded child calls, one summary per child stage (and stage it ran within) and thread, the
   * threads past {@link FoldSet#THREADS_APART} summed on {@link FoldedAggregate#OTHER_THREADS}.
   */
  public List<FoldSummary> folds() {
    return folds == null ? List.of() : folds.list();
  }

  public long wallNanos() {
    return endEpochNanos - startEpochNanos;
  }
}
