package io.perfagent.agent.report;

import io.perfagent.agent.collect.StageStats;
import io.perfagent.analysis.text.Units;
import io.perfagent.bootstrap.AgentSettings;
import io.perfagent.bootstrap.StageRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stage table printed on stderr at JVM exit: per pipeline, each stage's calls, errors,
 * total and p50/p95/p99 wall time, CPU, allocated bytes and records per second, slowest
 * first. CPU marked {@code ~} is the sampler's estimate; unmarked, it was read per call.
 */
public final class ExitSummary {

  private static final String PREFIX = "[perf-agent] ";

  private ExitSummary() {}

  /** The summary lines, each prefixed; {@code footer} lines (drops, export) come last. */
  public static List<String> render(List<StageStats> stats, long uptimeNanos,
      List<String> footer) {
    List<String> out = new ArrayList<>();
    out.add(PREFIX + "stage summary after " + Units.duration(uptimeNanos)
        + " (~: estimated; cpu from the sampler, folded per-record totals from timed calls)");
    Map<String, List<StageStats>> byPipeline = new TreeMap<>();
    for (StageStats s : stats) {
      if (s.calls() > 0) {
        byPipeline.computeIfAbsent(StageRegistry.pipeline(s.pipelineId), k -> new ArrayList<>())
            .add(s);
      }
    }
    if (byPipeline.isEmpty()) {
      out.add(PREFIX + "no @Monitored stage ran");
    }
    for (Map.Entry<String, List<StageStats>> e : byPipeline.entrySet()) {
      List<StageStats> rows = e.getValue();
      rows.sort(Comparator.comparingLong(StageStats::wallNanos).reversed());
      out.add(PREFIX + "pipeline " + e.getKey());
      out.add(PREFIX + String.format(Locale.ROOT,
          "  %-28s %10s %6s %9s %9s %9s %9s %10s %10s %10s", "stage", "calls", "errors",
          "total", "p50", "p95", "p99", "cpu", "alloc", "records/s"));
      for (StageStats s : rows) {
        String name = StageRegistry.stage(s.stageId).name;
        double seconds = s.wallNanos() / 1e9;
        out.add(PREFIX + String.format(Locale.ROOT,
            "  %-28s %10d %6d %9s %9s %9s %9s %10s %10s %10s", clip(name, 28), s.calls(),
            s.errors(), (s.wallEstimated() ? "~" : "") + Units.duration(s.wallNanos()),
            percentile(s, 50), percentile(s, 95), percentile(s, 99),
            s.cpuNanos() < 0 ? "n/a" : (s.cpuExact() ? "" : "~") + Units.duration(s.cpuNanos()),
            s.allocBytes() < 0 ? "n/a" : Units.bytes(s.allocBytes()),
            s.records() > 0 && seconds > 0 ? Units.rate(s.records() / seconds) : "-"));
      }
    }
    for (String line : footer) {
      out.add(PREFIX + line);
    }
    return out;
  }

  /** As the report prints it: a folded stage's below the timer's own cost only as a bound. */
  private static String percentile(StageStats s, double p) {
    long v = s.percentileNanos(p);
    long timer = AgentSettings.timerOverheadNanos;
    return s.wallEstimated() && v < timer ? "<" + Units.duration(timer) : Units.duration(v);
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
