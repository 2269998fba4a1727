package io.perfagent.agent.collect;

import io.perfagent.analysis.model.FoldedAggregate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The folded calls of one parent span's child stages: one summary per child stage (and stage
 * it ran within) and thread, at most {@link #THREADS_APART} threads per child stage; the calls
 * of further threads (a fan-out to a thousand threads, a virtual thread per task) are summed
 * into one fold on {@link FoldedAggregate#OTHER_THREADS}. Bounded whatever the thread count,
 * so folds waiting for a parent that has not ended yet cost memory per parent, not per thread.
 * Drain thread only.
 */
final class FoldSet {

  static final int THREADS_APART = 32;

  private List<FoldSummary> folds = Collections.emptyList();
  private List<FoldSummary.Sum> others = Collections.emptyList();
  /** {@link #list()} with the sums, made on first read after a change. */
  private List<FoldSummary> view;
  /** Summaries added, merged or summed included. */
  private long added;

  /**
   * Adds one thread's folded calls of a child stage; {@code ownerThreadId} is the parent's
   * own thread (never summed away), or -1 while the parent is not known yet.
   */
  void add(FoldSummary fold, long ownerThreadId) {
    added++;
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
    if (sameStage >= THREADS_APART && fold.threadId != ownerThreadId && fold.threadId >= 0) {
      sumOf(fold.stageId, fold.withinStageId).add(fold);
      return;
    }
    if (folds.isEmpty()) {
      folds = new ArrayList<>(2);
    }
    folds.add(fold);
  }

  /**
   * Adds the folds that waited for their parent. The parent's own thread was not known while
   * they waited, so its calls may have been summed with other threads' when 32 threads came
   * first: the calls stay counted, in the parent's own time either way.
   */
  void addAll(FoldSet waiting, long ownerThreadId) {
    for (FoldSummary f : waiting.folds) {
      add(f, ownerThreadId);
    }
    for (FoldSummary.Sum s : waiting.others) {
      sumOf(s.stageId, s.withinStageId).add(s);
      view = null;
    }
    added += waiting.added - waiting.folds.size();
  }

  private FoldSummary.Sum sumOf(int stageId, int withinStageId) {
    for (int i = 0; i < others.size(); i++) {
      FoldSummary.Sum s = others.get(i);
      if (s.stageId == stageId && s.withinStageId == withinStageId) {
        return s;
      }
    }
    if (others.isEmpty()) {
      others = new ArrayList<>(1);
    }
    FoldSummary.Sum s = new FoldSummary.Sum(stageId, withinStageId);
    others.add(s);
    return s;
  }

  /** The folds, the threads past {@link #THREADS_APART} as one summed fold per child stage. */
  List<FoldSummary> list() {
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

  /** Summaries held (kept apart or summed): what this set costs in memory. */
  int held() {
    return folds.size() + others.size();
  }

  /** Thread summaries added since the set was made. */
  long added() {
    return added;
  }
}
