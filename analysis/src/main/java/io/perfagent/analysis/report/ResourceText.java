package io.perfagent.analysis.report;

import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.resource.StageResources;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.text.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The resource lines of the text report: per pipeline, one line per stage with figures; for
 * the whole run, one line per series. Percentages are whole numbers from 10 % up, because a
 * terminal line of five figures must stay readable at a glance.
 */
final class ResourceText {

  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry(ResourceNames.CONTAINER_CPU_UTILIZATION, "container CPU"),
      Map.entry(ResourceNames.SYSTEM_CPU_UTILIZATION, "host CPU"),
      Map.entry(ResourceNames.PROCESS_CPU_UTILIZATION, "process CPU"),
      Map.entry(ResourceNames.CONTAINER_MEMORY_UTILIZATION, "container memory"),
      Map.entry(ResourceNames.SYSTEM_MEMORY_UTILIZATION, "host memory"),
      Map.entry(ResourceNames.JVM_MEMORY_UTILIZATION, "JVM memory"),
      Map.entry(ResourceNames.GPU_UTILIZATION, "GPU"),
      Map.entry(ResourceNames.GPU_MEMORY_USAGE, "GPU memory"),
      Map.entry(ResourceNames.NPU_UTILIZATION, "NPU"),
      Map.entry(ResourceNames.IO_WAIT_UTILIZATION, "I/O wait"),
      Map.entry(ResourceNames.GC_DURATION, "GC pauses"));

  private ResourceText() {}

  /** {@code "  score: host CPU 52%, process CPU 50%, GPU 0%, GC 0.4%"}, per stage with figures. */
  static void stages(StringBuilder b, PipelineReport p) {
    if (p.stageResources().isEmpty()) {
      return;
    }
    b.append("  while each stage ran (mean over its spans):\n");
    for (StageStats s : p.stages()) {
      StageResources r = p.stageResources().get(s.name());
      if (r == null) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      ratio(parts, "container CPU", r.containerCpu());
      ratio(parts, "host CPU", r.hostCpu());
      ratio(parts, "process CPU", r.processCpu());
      ratio(parts, "GPU", r.gpu());
      if (r.gpuMemoryBytes() >= 0) {
        parts.add("GPU mem " + Units.bytes(r.gpuMemoryBytes()));
      }
      ratio(parts, "NPU", r.npu());
      ratio(parts, "I/O wait", r.ioWait());
      ratio(parts, "GC", r.gcPauseRatio());
      b.append("    ").append(s.name()).append(": ").append(String.join(", ", parts))
          .append('\n');
    }
  }

  /** One line per series of the run: mean and peak, or for GC the pauses. */
  static void run(StringBuilder b, ResourceReport r) {
    if (r.series().isEmpty()) {
      return;
    }
    b.append("resources over the run (mean, peak):\n");
    for (ResourceSeries s : r.series()) {
      String label = LABELS.getOrDefault(s.name(), s.name());
      String unit = ResourceNames.unit(s.name());
      String text;
      if (unit.equals("s")) {
        text = s.count() + ", " + Units.duration(s.mean() * s.count() * 1e9) + " in all, longest "
            + Units.duration(s.max() * 1e9);
      } else {
        text = value(unit, s.mean()) + ", " + value(unit, s.max());
      }
      b.append(String.format(Units.LOCALE, "  %-18s %s%n", label, text));
    }
  }

  private static String value(String unit, double v) {
    return unit.equals("1") ? percent(v) : unit.equals("By") ? Units.bytes(v) : Units.sig(v);
  }

  private static void ratio(List<String> parts, String label, double v) {
    if (v >= 0) {
      parts.add(label + " " + percent(v));
    }
  }

  /** {@code 0.523} → {@code "52%"}, {@code 0.004} → {@code "0.4%"}, {@code 0} → {@code "0%"}. */
  static String percent(double fraction) {
    double v = fraction * 100;
    String s = String.format(Units.LOCALE, v >= 9.95 ? "%.0f" : "%.1f", v);
    return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "%";
  }
}
