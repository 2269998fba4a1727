package io.perfagent.agent.resource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the machine did while one stage call ran: the overlap-weighted means of the timeline's
 * series over the call, as span attributes. Only calls lasting at least one sample interval
 * get them; a shorter call would borrow a figure from a tick it barely touched.
 */
public final class StageAverages {

  /** Span attribute carrying bytes. */
  private static final String GPU_MEMORY = "perf.gpu.memory_usage";

  /** Span attribute, then the timeline series it averages. */
  private static final String[][] ATTRIBUTES = {
      {"perf.host.cpu_utilization", "system.cpu.utilization"},
      {"perf.process.cpu_utilization", "process.cpu.utilization"},
      {"perf.container.cpu_utilization", "perf.container.cpu.utilization"},
      {"perf.host.memory_utilization", "system.memory.utilization"},
      {"perf.gpu.utilization", "hw.gpu.utilization"},
      {GPU_MEMORY, "hw.gpu.memory.usage"},
      {"perf.npu.utilization", "hw.npu.utilization"},
      {"perf.io.wait_utilization", "perf.io.wait.utilization"}};

  /** Span attribute for GC pause time overlapping the call, in nanoseconds. */
  public static final String GC_PAUSE_NS = "perf.gc.pause_ns";

  private StageAverages() {}

  /** True for attributes that are whole numbers (nanoseconds, bytes), not fractions. */
  public static boolean whole(String attribute) {
    return attribute.equals(GC_PAUSE_NS) || attribute.equals(GPU_MEMORY);
  }

  /** Attribute name to value; empty for a call shorter than one interval. */
  public static Map<String, Double> of(ResourceTimeline timeline, long startEpochNanos,
      long endEpochNanos) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (timeline == null || endEpochNanos - startEpochNanos < timeline.intervalNanos()) {
      return out;
    }
    for (String[] a : ATTRIBUTES) {
      double v = timeline.mean(a[1], startEpochNanos, endEpochNanos);
      if (!Double.isNaN(v)) {
        out.put(a[0], v);
      }
    }
    out.put(GC_PAUSE_NS, (double) timeline.gcNanos(startEpochNanos, endEpochNanos));
    return out;
  }
}
