package io.perfagent.agent.collect;

import java.util.ArrayList;
import java.util.Collections;
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
  private List<FoldSummary> folds = Collections.emptyList();

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

  void addFold(FoldSummary fold) {
    if (folds.isEmpty()) {
      folds = new ArrayList<>(2);
    }
    for (int i = 0; i < folds.size(); i++) {
      if (folds.get(i).sameChild(fold)) {
        folds.set(i, folds.get(i).merge(fold));
        return;
      }
    }
    folds.add(fold);
  }

  /**
   * This call as a child of {@code parent} in its trace (a root-level call that turned out to
   * be part of a streaming window), with its folds.
   */
  FinishedStage under(FinishedStage parent) {
    FinishedStage c = new FinishedStage(stageId, spanId, parent.spanId, parent.traceHi,
        parent.traceLo, startEpochNanos, endEpochNanos, cpuNanos, cpuExact, allocBytes, records,
        bytes, parent.pipelineId, false, exemplar, error, threadId, threadName);
    for (FoldSummary f : folds) {
      c.addFold(f);
    }
    return c;
  }

  /** Folded child calls, one summary per child stage (and stage it ran within). */
  public List<FoldSummary> folds() {
    return folds;
  }

  public long wallNanos() {
    return endEpochNanos - startEpochNanos;
  }
}
