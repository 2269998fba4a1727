package io.perfagent.agent.collect;

import io.perfagent.bootstrap.FoldAccumulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every stage's cumulative statistics, keyed by pipeline and stage. The drain thread writes,
 * the metric reader and the exit summary take copies; the lock is only ever contended by the
 * agent's own threads, never an instrumented one.
 */
public final class StatsTable {

  private final Map<Long, StageStats> stats = new HashMap<>();

  private StageStats get(int pipelineId, int stageId) {
    long key = ((long) pipelineId << 32) | (stageId & 0xFFFF_FFFFL);
    StageStats s = stats.get(key);
    if (s == null) {
      s = new StageStats(pipelineId, stageId);
      stats.put(key, s);
    }
    return s;
  }

  synchronized void add(FinishedStage stage) {
    get(stage.pipelineId, stage.stageId).add(stage);
  }

  synchronized void add(int pipelineId, FoldAccumulator acc, long foldedWallNanos) {
    get(pipelineId, acc.stageId).add(acc, foldedWallNanos);
  }

  /** Copies of every stage's statistics. */
  public synchronized List<StageStats> snapshot() {
    List<StageStats> out = new ArrayList<>(stats.size());
    for (StageStats s : stats.values()) {
      out.add(s.copy());
    }
    return out;
  }
}
