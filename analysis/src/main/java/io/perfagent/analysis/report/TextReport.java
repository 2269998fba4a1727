package io.perfagent.analysis.report;

import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.LeftOutSpan;
import io.perfagent.analysis.recommend.Recommendation;
import io.perfagent.analysis.slo.Alert;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.text.Units;
import io.perfagent.analysis.whatif.WhatIf;
import java.util.List;

/**
 * The compact text form for stderr: per pipeline, the top bottlenecks first (stage, kind,
 * share, evidence, what-if), then the stage table, what the resources did while each stage
 * ran, alerts and recommendations; last, the resource series over the whole run.
 */
public final class TextReport {

  private TextReport() {}

  public static String render(Report report) {
    StringBuilder b = new StringBuilder();
    if (report.pipelines().isEmpty()) {
      b.append("no pipeline runs were recorded\n");
    }
    Long overhead = report.agent().counters().get(AgentInfo.TIMER_OVERHEAD_NS);
    for (PipelineReport p : report.pipelines()) {
      pipeline(b, p, overhead == null ? 0 : overhead);
    }
    ResourceText.run(b, report.resources());
    // with pipelines, their own resource alerts (over their runs) were printed already
    for (Alert a : report.pipelines().isEmpty() ? report.resources().alerts() : List.<Alert>of()) {
      b.append("alert ").append(alert(a)).append('\n');
    }
    if (overhead != null && report.pipelines().stream()
        .anyMatch(p -> p.stages().stream().anyMatch(StageStats::folded))) {
      Long sample = report.agent().counters().get(AgentInfo.FOLD_SAMPLE);
      Long calibrations = report.agent().counters().get(AgentInfo.TIMER_CALIBRATIONS);
      b.append("note: per-record (folded) stages are counted exactly and timed on ")
          .append(sample == null || sample != 1 ? "1 call in " + (sample == null ? "?" : sample)
              + " per stage, at random; " : "every call; ");
      if (calibrations != null && calibrations == 0) {
        b.append("the run ended before the timer's own cost was first measured (0.3 s after")
            .append(" start), so their times include it (some tens of ns per call)\n");
      } else {
        b.append("the timer's own ").append(Units.duration(overhead))
            .append(" per timed call, calibrated as the run went, is taken out; a percentile")
            .append(" below it is within the timer's noise and shown as <")
            .append(Units.duration(overhead)).append('\n');
      }
    }
    if (report.agent().droppedSpans() > 0) {
      b.append("note: ").append(report.agent().droppedSpans())
          .append(" spans were dropped by the agent; figures may be low\n");
    }
    return b.toString();
  }

  /**
   * A stream's throughput and mix: each stage's calls per second over the windows, and how
   * much of the windows' time was spent outside any stage (the loop's own work, and the
   * agent's per-call cost on calls it did not time).
   */
  private static void stream(StringBuilder b, PipelineReport p) {
    double seconds = p.wallTotalNanos() / 1e9;
    for (StageStats s : p.stages()) {
      if (s.name().equals(StageSpan.WINDOW_STAGE)) {
        if (s.wallNanos() > 0) {
          b.append(String.format(Units.LOCALE, "  outside stages: %s of the windows' time "
              + "(the loop's own work, and any wait between calls)%n",
              Units.percent((double) s.selfNanos() / s.wallNanos())));
        }
      } else if (seconds > 0) {
        b.append(String.format(Units.LOCALE, "  %-22s %,d calls, %s calls/s, %s of the windows' "
            + "time%n", s.name(), s.calls(), rate(s.calls() / seconds),
            Units.percent(p.wallTotalNanos() == 0 ? 0
                : (double) s.selfNanos() / p.wallTotalNanos())));
      }
    }
  }

  private static String rate(double perSecond) {
    return perSecond >= 1e6 ? String.format(Units.LOCALE, "%.1f M", perSecond / 1e6)
        : perSecond >= 1e3 ? String.format(Units.LOCALE, "%.1f k", perSecond / 1e3)
        : String.format(Units.LOCALE, "%.0f", perSecond);
  }

  private static void pipeline(StringBuilder b, PipelineReport p, long timerNanos) {
    b.append("pipeline ").append(p.name()).append(", ");
    if (p.stream()) {
      b.append("a stream: ").append(p.runs())
          .append(p.runs() == 1 ? " window of " : " windows, median ")
          .append(Units.duration(p.wallNanos()));
    } else {
      b.append(p.runs()).append(p.runs() == 1 ? " run, " : " runs, median ")
          .append(Units.duration(p.wallNanos()));
    }
    if (p.runs() > 1) {
      b.append(" (").append(Units.duration(p.wallMinNanos())).append(" to ")
          .append(Units.duration(p.wallMaxNanos())).append(')');
    }
    b.append('\n');
    if (p.stream()) {
      stream(b, p);
    }
    if (p.bottlenecks().isEmpty()) {
      b.append("  no stage holds 5 % or more of the critical path\n");
    } else {
      b.append("  bottlenecks (share of the critical path):\n");
    }
    int rank = 1;
    for (Bottleneck x : p.bottlenecks()) {
      b.append(String.format(Units.LOCALE, "  %d. %-20s %-5s %7s  %s%n", rank++, x.stage(),
          x.kind().id(), Units.percent(x.criticalPathShare()), x.evidence()));
      for (WhatIf w : p.whatIfs()) {
        if (w.stage().equals(x.stage())) {
          whatIf(b, "     ", w);
        }
      }
    }
    boolean header = false;
    for (WhatIf w : p.whatIfs()) {
      StageStats s = stage(p, w.stage());
      if (!w.subtree() || s == null || isBottleneck(p, w.stage())) {
        continue;
      }
      if (!header) {
        b.append("  on the critical path through the stages they call:\n");
        header = true;
      }
      b.append(String.format(Units.LOCALE, "     %-20s %7s with what it calls, %s in its own time%n",
          w.stage(), Units.percent(s.inclusivePathShare()),
          Units.percent(s.criticalPathShare())));
      whatIf(b, "        ", w);
    }
    b.append(String.format(Units.LOCALE,
        "  %-22s %9s %6s %9s %9s %9s %10s %9s %9s %9s %9s %9s %7s%n", "stage", "calls",
        "errors", "wall", "self", "cpu", "alloc", "p50", "p95", "p99", "max", "rec/s",
        "crit"));
    for (StageStats s : p.stages()) {
      double perSec = s.throughputPerSec();
      b.append(String.format(Units.LOCALE,
          "  %-22s %9d %6d %9s %9s %9s %10s %9s %9s %9s %9s %9s %7s%n",
          s.name(), s.calls(), s.errors(), Units.duration(s.wallNanos()),
          Units.duration(s.selfNanos()),
          s.cpuNanos() < 0 ? "-" : (s.cpuExact() ? "" : "~") + Units.duration(s.cpuNanos()),
          s.allocBytes() < 0 ? "-" : Units.bytes(s.allocBytes()),
          percentile(s, s.p50Nanos(), timerNanos), percentile(s, s.p95Nanos(), timerNanos),
          percentile(s, s.p99Nanos(), timerNanos), Units.duration(s.maxNanos()),
          s.records() > 0 && perSec > 0 ? Units.rate(perSec) : "-",
          Units.percent(s.criticalPathShare())));
    }
    ResourceText.stages(b, p);
    long outlived = p.leftOut().stream()
        .filter(l -> l.reason() == LeftOutSpan.Reason.OUTLIVED_PARENT).count();
    if (outlived > 0) {
      b.append("  critical path: left out ").append(outlived)
          .append(" span(s) still running when their parent ended (fire-and-forget)\n");
    }
    for (Alert a : p.alerts()) {
      b.append("  alert ").append(alert(a)).append('\n');
    }
    for (Recommendation r : p.recommendations()) {
      b.append("  → ").append(r.text()).append(" [").append(r.evidence()).append("]\n");
    }
  }

  /**
   * A percentile as printed: a folded stage's below the timer's own cost is within its noise
   * (the processor overlaps a short call with the clock reads around it), so only the bound
   * is said.
   */
  static String percentile(StageStats s, long nanos, long timerNanos) {
    return s.folded() && nanos < timerNanos ? "<" + Units.duration(timerNanos)
        : Units.duration(nanos);
  }

  private static void whatIf(StringBuilder b, String indent, WhatIf w) {
    String including = !w.subtree() ? ""
        : " including " + (w.including().isEmpty() ? "what it calls"
            : String.join(", ", w.including()));
    b.append(String.format(Units.LOCALE, "%s%s faster%s → run %s → %s (−%s)%n", indent,
        Units.times(w.speedup()).replace(".0x", "x"), including, Units.duration(w.wallNanos()),
        Units.duration(w.predictedWallNanos()), Units.percent(w.gainShare())));
  }

  private static StageStats stage(PipelineReport p, String name) {
    for (StageStats s : p.stages()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static boolean isBottleneck(PipelineReport p, String name) {
    for (Bottleneck x : p.bottlenecks()) {
      if (x.stage().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String alert(Alert a) {
    boolean ns = a.unit().equals("ns");
    return a.level().id() + " " + a.subject() + " " + a.rule() + ": "
        + (ns ? Units.duration(a.value()) : Units.percent(a.value())) + " reached "
        + (ns ? Units.duration(a.threshold()) : Units.percent(a.threshold()));
  }
}
