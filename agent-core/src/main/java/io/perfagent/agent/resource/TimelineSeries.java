package io.perfagent.agent.resource;

import java.util.Map;

/**
 * Which series the timeline keeps (the ones the analysis and the span averages read), and how
 * one tick's readings of a series across devices or states become one value: the busiest GPU
 * for utilisation, all GPUs together for memory, the {@code used} state for host memory.
 */
final class TimelineSeries {

  static final String GC_DURATION = "jvm.gc.duration";

  private static final Map<String, Boolean> SUMMED = Map.of(
      "system.cpu.utilization", false,
      "process.cpu.utilization", false,
      "perf.container.cpu.utilization", false,
      "system.memory.utilization", false,
      "container.memory.utilization", false,
      "hw.gpu.utilization", false,
      "hw.gpu.memory.usage", true,
      "hw.npu.utilization", false,
      "perf.io.wait.utilization", false);

  private TimelineSeries() {}

  static boolean kept(SeriesKey key) {
    if (!SUMMED.containsKey(key.name())) {
      return false;
    }
    String state = key.attribute("system.memory.state");
    return state == null || state.equals("used");
  }

  /** Combines a second reading of the same name within one tick. */
  static double combine(String name, double a, double b) {
    return SUMMED.get(name) ? a + b : Math.max(a, b);
  }
}
