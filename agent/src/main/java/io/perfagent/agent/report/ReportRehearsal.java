package io.perfagent.agent.report;

import io.perfagent.agent.export.SpanConverter;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.resource.ResourceTimeline;
import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.html.HtmlReportWriter;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.report.Report;
import io.perfagent.analysis.report.ReportJson;
import io.perfagent.analysis.report.TextReport;
import io.perfagent.bootstrap.Probes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the exit analysis once, early, on a small made-up run, and throws the result away.
 *
 * <p>Why: at JVM exit the report is the user's wall time, and most of what it costs there is
 * not analysis but first use: loading the analysis and renderer classes from the jar, linking
 * their lambda and string-concatenation call sites, reading the HTML template, setting up
 * number formatting. Done once while the application runs, on a thread of its own, that cost
 * lands on a core the application is usually not using, and the real report at exit pays only
 * for its own data. Nothing here writes a file or touches the real report's state.
 */
public final class ReportRehearsal {

  private static final long MS = 1_000_000L;

  private final ResourceTimeline resources;
  private final int cores;
  private volatile boolean cancelled;

  /**
   * @param resources the sampler's timeline, whose series the rehearsal reads so the same
   *     resource code runs as at exit; null when sampling is off
   */
  public ReportRehearsal(ResourceTimeline resources, int cores) {
    this.resources = resources;
    this.cores = cores;
  }

  /**
   * Rehearses on a daemon thread after {@code delayNanos}: late enough to stay out of the
   * application's own start-up, early enough that most runs reach it.
   */
  public void startAfter(long delayNanos) {
    Thread t = new Thread(() -> {
      LockSupport.parkNanos(delayNanos);
      if (!cancelled) {
        run();
      }
    }, "perf-agent-report-warmup");
    t.setDaemon(true);
    t.start();
  }

  /** Exit has begun: a rehearsal that has not started yet would only compete with the report. */
  public void cancel() {
    cancelled = true;
  }

  /** Analyses and renders the made-up run; returns the text report (for tests). */
  String run() {
    long cpu = Probes.currentThreadCpu();
    try {
      List<ResourceSample> samples = resources == null ? List.of() : resources.samples();
      // inside the sampled window, so the per-stage resource figures are computed too
      long end = 1_000_000 * MS;
      for (ResourceSample s : samples) {
        end = Math.max(end, s.timeNanos());
      }
      Report report = Analyzer.analyze(spans(end - 100 * MS), AnalysisOptions.builder()
          .availableCores(cores)
          .resourceSamples(samples)
          .pricePerCoreHour(0.05, "USD")
          .agentCounter("report_dropped_spans", 0)
          .agent("rehearsal", 0)
          .build());
      String text = TextReport.render(report);
      HtmlReportWriter.render(ReportJson.write(report));
      AgentLog.debug("report warm-up took " + (Probes.currentThreadCpu() - cpu) / 1_000_000
          + " ms of CPU");
      return text;
    } catch (Throwable t) {
      // a rehearsal is an optimisation: if it fails, the real report still runs cold
      AgentLog.debug("report warm-up failed: " + AgentLog.describe(t));
      return null;
    }
  }

  /**
   * One run of 100 ms that takes the paths a real one does: nested stages, work on other
   * threads, folded per-record calls, exact and sampled CPU, an error.
   */
  static List<StageSpan> spans(long start) {
    String trace = SpanConverter.traceId(0x5eedL, 0x1L);
    List<StageSpan> spans = new ArrayList<>();
    spans.add(span(trace, 1, 0, "rehearsal", "rehearsal", "main", start, start + 100 * MS,
        true, false, List.of()));
    spans.add(span(trace, 2, 1, "read", "", "main", start + MS, start + 30 * MS, true, false,
        List.of(new FoldedAggregate("parse", 1000, 1, 20 * MS, 18 * MS, 1 << 20, 1000, 1 << 16,
            15_000, 90_000, 200_000))));
    spans.add(span(trace, 3, 1, "fan-out", "", "main", start + 30 * MS, start + 90 * MS, false,
        false, List.of()));
    spans.add(span(trace, 4, 3, "work", "", "worker-1", start + 31 * MS, start + 89 * MS,
        false, false, List.of()));
    spans.add(span(trace, 5, 3, "work", "", "worker-2", start + 32 * MS, start + 70 * MS,
        false, true, List.of()));
    spans.add(span(trace, 6, 1, "write", "", "main", start + 90 * MS, start + 99 * MS, true,
        false, List.of()));
    return spans;
  }

  private static StageSpan span(String trace, long id, long parent, String stage,
      String pipeline, String thread, long start, long end, boolean cpuExact, boolean error,
      List<FoldedAggregate> folded) {
    long wall = end - start;
    return new StageSpan(trace, SpanConverter.spanId(id),
        parent == 0 ? "" : SpanConverter.spanId(parent), stage, pipeline, thread,
        thread.hashCode() & 0xff, start, end, cpuExact ? wall * 9 / 10 : -1, cpuExact,
        wall * 100, -1, 1000, 1 << 16, error, error ? "java.io.IOException" : "", folded,
        false);
  }
}
