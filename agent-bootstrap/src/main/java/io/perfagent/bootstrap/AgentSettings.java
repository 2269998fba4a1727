package io.perfagent.bootstrap;

/**
 * The few settings the instrumented thread reads, set once by the agent at start-up before
 * any woven code runs. Plain statics: the hot path reads them without a barrier.
 */
public final class AgentSettings {

  /** Calls of an AUTO stage under one parent that become spans before the rest are folded. */
  public static volatile int foldThreshold = 64;
  /**
   * Folded calls are counted every time and timed one in {@code foldSampleMask + 1} (a power
   * of two); 0 times every call.
   */
  public static volatile int foldSampleMask = 31;
  /** Slowest folded calls per parent kept as exemplar spans. */
  public static volatile int exemplars = 5;
  /** Stages whose typical call lasts at least this long read thread CPU time per call. */
  public static volatile long cpuExactNanos = 100_000L;
  /** Records (spans or fold summaries) each thread's ring holds before it drops. */
  public static volatile int ringCapacity = 1024;
  /** Context entries waiting for a task to run before new ones are dropped. */
  public static volatile int maxPendingContexts = 65_536;
  /** False until the agent is ready, and again after it has shut down. */
  public static volatile boolean enabled;

  private AgentSettings() {}
}
