package io.perfagent.analysis.model;

/**
 * The span attributes that carry a process's resource timeline with a run: the agent writes
 * them on the top span of each run in its process (the root, or a stage opened under another
 * process's stage), the analyzer reads them back into {@link ResourceSample}s. So a run
 * arrives with what the machine did while it ran, at the sampler's step, whatever the metric
 * export interval and wherever its metrics were routed.
 *
 * <p>{@link #TIMES} holds the end of each step (epoch nanoseconds; the first step begins one
 * interval before its end); {@code perf.timeline.<series>} (a {@link ResourceNames} name)
 * holds that series' mean over each step, NaN where it has none; GC pauses come as two
 * arrays of the same length.
 */
public final class TimelineAttributes {

  public static final String PREFIX = "perf.timeline.";
  /** long: the sampler's interval. */
  public static final String INTERVAL_NS = PREFIX + "interval_ns";
  /** long[]: the end of each step. */
  public static final String TIMES = PREFIX + "times";
  /** long[]: when each GC pause ended. */
  public static final String GC_END_TIMES = PREFIX + "gc.end_times";
  /** long[]: how long each GC pause lasted. */
  public static final String GC_DURATIONS_NS = PREFIX + "gc.durations_ns";
  /** long: pauses that overlapped but were left out (the bound). */
  public static final String GC_MORE = PREFIX + "gc.more";

  /** At most this many steps; a longer run is carried at a coarser step. */
  public static final int MAX_POINTS = 720;
  /** At most this many GC pauses per span. */
  public static final int MAX_PAUSES = 2_000;

  private TimelineAttributes() {}

  /** The attribute of a series. */
  public static String series(String name) {
    return PREFIX + name;
  }
}
