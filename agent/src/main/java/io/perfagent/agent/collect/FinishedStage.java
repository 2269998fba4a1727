package io.perfagent.agent.collect;

import io.perfagent.analysis.model.FoldedAggregate;
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
  private List<FoldSummary.Sum> others = Collections.emptyList();
  /** {@link #folds()} with the sums, made on first read after a change. */
  private List<FoldSummary> view;

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

  /**
   * Folds of one child stage kept apart by thread, at most: the calls of a parent's further
   * threads (a fan-out to a thousand threads, a virtual thread per task) are summed into one
   * fold on {@link FoldedAggregate#OTHER_THREADS}, so a parent holds a bounded number of
   * folds whatever its thread count.
   */
  static final int THREADS_APART = 32;

  void addFold(FoldSummary fold) {
    if (folds.isEmpty()) {
      folds = new ArrayList<>(2);
    }
    view = null;
    int sameStage = 0;
    for (int i = 0; i < folds.size(); i++) {
      FoldSummary f = folds.get(i);
      if (f.sameChild(fold)) {
        folds.set(i, f.merge(fold));
        return;
      }
      if (f.stageId == fold.stageId && f.withinStageId == fold.withinStageId) {
        sameStage++;
      }
    }
    if (sameStage >= THREADS_APART && fold.threadId != threadId && fold.threadId >= 0) {
      sumOf(fold).add(fold);
      return;
    }
    folds.add(fold);
  }

  private FoldSummary.Sum sumOf(FoldSummary fold) {
    for (FoldSummary.Sum s : others) {
      if (s.of(fold)) {
        return s;
      }
    }
    if (others.isEmpty()) {
      others = new ArrayList<>(1);
    }
    FoldSummary.Sum s = new FoldSummary.Sum(fold.stageId, fold.withinStageId);
    others.add(s);
    return s;
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
   * threads past {@link #THREADS_APART} summed on {@link FoldedAggregate#OTHER_THREADS}.
   */
  public List<FoldSummary> folds() {
    if (others.isEmpty()) {
      return folds;
    }
    List<FoldSummary> v = view;
    if (v == null) {
      v = new ArrayList<>(folds);
      for (FoldSummary.Sum s : others) {
        v.add(s.summary());
      }
      view = v;
    }
    return v;
  }

  public long wallNanos() {
    return endEpochNanos - startEpochNanos;
  }
}
