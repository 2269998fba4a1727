package io.perfagent.bootstrap;

/**
 * The few settings the instrumented thread reads. They are set once by the agent at start-up,
 * before the volatile write of {@link #enabled} that publishes them; after that they are
 * plain statics, which the hot path reads without a barrier.
 */
public final class AgentSettings {

  /** Calls of an AUTO stage under one parent that become spans before the rest are folded. */
  public static int foldThreshold = 64;
  /**
   * Folded calls are counted every time and timed one in {@code foldSampleMask + 1} (a power
   * of two); 0 times every call.
   */
  public static int foldSampleMask = 63;
  /**
   * How long a streaming window lasts: root-level per-record calls (no enclosing stage) are
   * folded per thread into windows of this length, each a root span of its own.
   */
  public static long foldWindowNanos = 1_000_000_000L;
  /** Slowest folded calls per parent kept as exemplar spans. */
  public static int exemplars = 5;
  /** Stages whose typical call lasts at least this long read thread CPU time per call. */
  public static long cpuExactNanos = 100_000L;
  /** Records (spans or fold summaries) each thread's ring holds before it drops. */
  public static int ringCapacity = 1024;
  /** Context entries waiting for a task to run before new ones are dropped. */
  public static int maxPendingContexts = 65_536;
  /**
   * What a timed folded call's clock reads and hooks add to its wall time, in ns: measured by
   * the agent while it runs ({@code ThreadState#calibrateTimer}) and taken out of every timed
   * folded call. 0 until the first calibration.
   */
  public static volatile long timerOverheadNanos;
  /** False until the agent is ready, and again after it has shut down. */
  public static volatile boolean enabled;

  private AgentSettings() {}
}
