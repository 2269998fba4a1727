package io.perfagent.agent.collect;

import io.perfagent.bootstrap.FoldAccumulator;
import java.util.Arrays;

/**
 * Each stage's mean timed folded call so far, over all parents and threads (drain thread
 * only): what a fold with no timed call of its own is estimated at.
 */
final class PerCallWall {

  private long[] wall = new long[64];
  private long[] calls = new long[64];

  void add(FoldAccumulator acc) {
    int id = acc.stageId;
    if (id >= wall.length) {
      wall = Arrays.copyOf(wall, Math.max(id + 1, wall.length * 2));
      calls = Arrays.copyOf(calls, wall.length);
    }
    wall[id] += acc.timedWallNanos;
    calls[id] += acc.timedCalls;
  }

  /** The mean, or 0 when no call of the stage has been timed yet. */
  double meanNanos(int stageId) {
    return stageId < calls.length && calls[stageId] > 0
        ? (double) wall[stageId] / calls[stageId] : 0;
  }
}
