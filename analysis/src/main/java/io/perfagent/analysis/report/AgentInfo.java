package io.perfagent.analysis.report;

import java.util.Map;

/**
 * What the producer of the spans says about itself.
 *
 * @param counters further counts it wants reported (e.g. dropped folds), by JSON name
 */
public record AgentInfo(String version, long droppedSpans, Map<String, Long> counters) {

  /** Counter: the timer's own cost taken out of each timed folded call, in ns. */
  public static final String TIMER_OVERHEAD_NS = "timer_overhead_ns";
  /** Counter: how many times the timer's cost was measured (0: the run ended first). */
  public static final String TIMER_CALIBRATIONS = "timer_calibrations";
  /** Counter: folded calls are timed one in this many, per stage. */
  public static final String FOLD_SAMPLE = "fold_sample";

  public AgentInfo {
    version = version == null ? "" : version;
    counters = Map.copyOf(counters);
  }
}
