package io.perfagent.agent.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Root-level calls of per-record stages made while their thread had a streaming window open,
 * held until the window decides what they are: children of the window when its calls folded
 * (a streaming loop's first {@code fold.threshold} calls), or runs of their own when it closed
 * with nothing folded or never came (a batch root called now and then). Bounded by what a
 * window may hold as spans: {@code fold.threshold} per stage and thread.
 */
final class WindowCandidates {

  private final Map<Long, Held> byWindow = new HashMap<>();

  void hold(long windowId, FinishedStage candidate, long nowNanos) {
    byWindow.computeIfAbsent(windowId, k -> new Held(nowNanos)).calls.add(candidate);
  }

  /** The candidates of {@code windowId}, removed; empty when none. */
  List<FinishedStage> release(long windowId) {
    Held h = byWindow.remove(windowId);
    return h == null ? List.of() : h.calls;
  }

  /** Candidates held since before {@code sinceNanos}, removed: their window is not coming. */
  List<FinishedStage> releaseOlderThan(long sinceNanos) {
    List<FinishedStage> out = new ArrayList<>();
    for (Iterator<Held> it = byWindow.values().iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (h.sinceNanos < sinceNanos) {
        out.addAll(h.calls);
        it.remove();
      }
    }
    return out;
  }

  List<FinishedStage> releaseAll() {
    return releaseOlderThan(Long.MAX_VALUE);
  }

  private static final class Held {
    final long sinceNanos;
    final List<FinishedStage> calls = new ArrayList<>(4);

    Held(long sinceNanos) {
      this.sinceNanos = sinceNanos;
    }
  }
}
