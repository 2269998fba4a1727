package io.perfagent.agent.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exemplar spans of folded calls, held per parent span until the parent is handed on, so that
 * a parent keeps {@code fold.exemplars} of each folded stage, the slowest (errors first), however
 * many threads its calls were folded on: each thread's fold brings its own few, and three
 * thousand threads would bring fifteen thousand. What is left out is counted: its calls are in
 * the folded figures all the same.
 */
final class ExemplarBudget {

  private final Map<Long, List<FinishedStage>> byParent = new HashMap<>();
  private long leftOut;

  private static final int ROOM = -1;
  private static final int NOWHERE = -2;

  /**
   * Whether an exemplar of {@code stageId} under {@code parent} would be kept; counted as left
   * out when not, so the span need not be made (one per virtual thread in a fan-out).
   */
  boolean admits(long parent, int stageId, long wallNanos, boolean error, int keep) {
    List<FinishedStage> kept = byParent.get(parent);
    if (kept == null || place(kept, stageId, wallNanos, error, keep) != NOWHERE) {
      return true;
    }
    leftOut++;
    return false;
  }

  /** Offers an exemplar of a call folded under {@code e.parentSpanId}. */
  void offer(FinishedStage e, int keep) {
    List<FinishedStage> kept = byParent.computeIfAbsent(e.parentSpanId, k -> new ArrayList<>(4));
    int at = place(kept, e.stageId, e.wallNanos(), e.error != null, keep);
    if (at == ROOM) {
      kept.add(e);
      return;
    }
    leftOut++; // this one, or the one it replaces
    if (at >= 0) {
      kept.set(at, e);
    }
  }

  /**
   * Where an exemplar goes among its parent's: {@link #ROOM} while the stage has fewer than
   * {@code keep}, else the index of the fastest error-free one it beats (an error beats any),
   * else {@link #NOWHERE}.
   */
  private static int place(List<FinishedStage> kept, int stageId, long wallNanos,
      boolean error, int keep) {
    int same = 0;
    int weakest = -1;
    for (int i = 0; i < kept.size(); i++) {
      FinishedStage k = kept.get(i);
      if (k.stageId != stageId) {
        continue;
      }
      same++;
      if (k.error == null && (weakest < 0 || k.wallNanos() < kept.get(weakest).wallNanos())) {
        weakest = i;
      }
    }
    if (same < keep) {
      return ROOM;
    }
    return weakest >= 0 && (error || wallNanos > kept.get(weakest).wallNanos())
        ? weakest : NOWHERE;
  }

  /** The exemplars held for {@code parentSpanId}, removed; empty when none. */
  List<FinishedStage> take(long parentSpanId) {
    List<FinishedStage> kept = byParent.remove(parentSpanId);
    return kept == null ? List.of() : kept;
  }

  /** Every exemplar still held (at shutdown), removed. */
  List<FinishedStage> takeAll() {
    List<FinishedStage> all = new ArrayList<>();
    for (List<FinishedStage> l : byParent.values()) {
      all.addAll(l);
    }
    byParent.clear();
    return all;
  }

  /** Exemplars left out because their parent had enough of their stage. */
  long leftOut() {
    return leftOut;
  }
}
