package io.perfagent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent knows about one stage: its names, how its calls become spans, and the
 * running typical duration that decides whether a call reads thread CPU time exactly.
 */
public final class StageInfo {

  public static final int MODE_AUTO = 0;
  public static final int MODE_SPAN = 1;
  public static final int MODE_AGGREGATE = 2;

  public final int id;
  /** The stage name ({@code perf.stage}). */
  public final String name;
  /** Non-empty when this stage is a pipeline entry point. */
  public final String pipeline;
  /** Pipeline id used when this stage starts a trace: its pipeline, or its own name. */
  public final int rootPipelineId;
  public final int mode;
  /** Fully qualified {@code pkg.Class.method}. */
  public final String codeFunction;
  public final boolean block;

  /**
   * Exponentially weighted typical wall time in ns; written racily by every thread that runs
   * the stage, which is fine for a heuristic. Starts high so the first calls measure CPU.
   */
  volatile long typicalNanos = Long.MAX_VALUE;

  /**
   * The stage of the window span that this stage's calls made with no enclosing stage are
   * folded under (one per pipeline), or -1 for a SPAN stage, which never folds.
   */
  int windowStageId = -1;

  /** Calls of this stage not measured because their thread nested past the stack's depth. */
  private final AtomicLong untrackedCalls = new AtomicLong();

  StageInfo(int id, String name, String pipeline, int rootPipelineId, int mode,
      String codeFunction, boolean block) {
    this.id = id;
    this.name = name;
    this.pipeline = pipeline;
    this.rootPipelineId = rootPipelineId;
    this.mode = mode;
    this.codeFunction = codeFunction;
    this.block = block;
  }

  /** A call past the depth limit (rare: an atomic increment is fine here). */
  void countUntracked() {
    untrackedCalls.incrementAndGet();
  }

  /** Calls not measured because their thread nested deeper than the stack allows. */
  public long untrackedCalls() {
    return untrackedCalls.get();
  }

  public boolean isPipelineEntry() {
    return !pipeline.isEmpty();
  }

  @Override
  public String toString() {
    return name + "#" + id;
  }
}
