package io.perfagent.agent.collect;

import io.perfagent.bootstrap.FoldAccumulator;

/** Finished stages made by hand, for tests of the sinks outside this package. */
public final class FinishedStages {

  private static final EpochClock CLOCK = new EpochClock();

  private FinishedStages() {}

  /** A span of {@code trace}; {@code parent} 0 makes a root. CPU exact, 10 bytes allocated. */
  public static FinishedStage span(int stageId, long spanId, long parent, long trace,
      long startNanos, long endNanos, long threadId, boolean exemplar) {
    return new FinishedStage(stageId, spanId, parent, 0, trace, startNanos, endNanos,
        (endNanos - startNanos) / 2, true, 10, 1, 0, 0, parent == 0, exemplar, null, threadId,
        "t" + threadId);
  }

  /** Folds {@code calls} calls of {@code stageId}, each timed at {@code eachNanos}, into s. */
  public static void fold(FinishedStage s, int stageId, long calls, long eachNanos,
      long threadId) {
    s.addFold(summary(stageId, calls, eachNanos, threadId));
  }

  /** {@code calls} calls of {@code stageId} on one thread, each timed at {@code eachNanos}. */
  static FoldSummary summary(int stageId, long calls, long eachNanos, long threadId) {
    FoldAccumulator acc = new FoldAccumulator();
    acc.stageId = stageId;
    acc.calls = calls;
    acc.timedCalls = calls;
    acc.timedWallNanos = calls * eachNanos;
    for (int i = 0; i < calls; i++) {
      acc.wall.record(eachNanos);
    }
    return FoldSummary.of(acc, eachNanos, threadId, CLOCK);
  }
}
