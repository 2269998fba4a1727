package io.perfagent.agent.report;

import io.perfagent.agent.collect.Collector;
import io.perfagent.agent.collect.FinishedStage;
import io.perfagent.agent.collect.FoldSummary;
import io.perfagent.agent.collect.StageSink;
import io.perfagent.agent.collect.TimerCalibrator;
import io.perfagent.agent.contention.ContentionMonitor;
import io.perfagent.agent.contention.SpanInterval;
import io.perfagent.agent.export.SpanConverter;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.resource.ResourceTimeline;
import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.html.HtmlReportWriter;
import io.perfagent.analysis.model.Contention;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.LatencyBuckets;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.report.AgentInfo;
import io.perfagent.analysis.report.Report;
import io.perfagent.analysis.report.ReportJson;
import io.perfagent.analysis.report.TextReport;
import io.perfagent.bootstrap.AgentSettings;
import io.perfagent.bootstrap.StageRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The embedded analysis: keeps the run's finished stages (bounded), and at JVM exit analyses
 * them with {@code perf-analysis} on its own thread, writes {@code report.json} and
 * {@code index.html} into the report directory, and keeps the text report for stderr.
 *
 * <p>The same library runs in the collector-side analyzer; here the agent only translates its
 * finished stages into the library's model. Past {@code report.max.spans}, spans are summarised
 * into per-stage aggregates under their parents and every run's root is kept ({@link
 * RunBound}); report.json's {@code agent} object counts what was summarised or dropped.
 */
public final class EmbeddedReport implements StageSink {

  private final Path dir;
  private final int maxSpans;
  private final AnalysisOptions.Builder options;
  private volatile Supplier<Long> droppedElsewhere = () -> 0L;
  private volatile Supplier<Long> exemplarsLeftOut = () -> 0L;
  private volatile ResourceTimeline resources;
  private volatile ContentionMonitor contention;
  private volatile long deadlineNanos;
  // finished stages as drained (longs, no strings): translated only at exit
  private final RunBound bound;
  private volatile RunBound.Kept kept;
  private volatile boolean finished;
  private volatile ReportRehearsal rehearsal;
  private Thread worker;
  private volatile String text;
  private volatile boolean written;

  public EmbeddedReport(Path dir, int maxSpans, AnalysisOptions.Builder options) {
    this.dir = dir;
    this.maxSpans = maxSpans;
    this.options = options;
    this.bound = new RunBound(maxSpans);
  }

  /** Spans dropped before they reached this sink (full thread buffers), for the report. */
  public void countDropsWith(Supplier<Long> droppedBefore) {
    this.droppedElsewhere = droppedBefore;
  }

  /**
   * Exemplar spans left out because their parent had its share of that stage (their calls
   * are in the folded figures), for {@code fold_exemplars_left_out}.
   */
  public void countExemplarsWith(Supplier<Long> leftOut) {
    this.exemplarsLeftOut = leftOut;
  }

  /** The sampler's timeline: the report's resource series and per-stage figures. */
  public void resources(ResourceTimeline timeline) {
    this.resources = timeline;
  }

  /** Lock and wait time of the stage calls, attributed at exit; see {@link ContentionMonitor}. */
  public void contention(ContentionMonitor monitor) {
    this.contention = monitor;
  }

  /** Warms the exit path up while the application runs; see {@link ReportRehearsal}. */
  public void rehearseAfter(long delayNanos) {
    ReportRehearsal r = new ReportRehearsal(resources, Runtime.getRuntime().availableProcessors());
    rehearsal = r;
    r.startAfter(delayNanos);
  }

  @Override
  public void accept(FinishedStage s) {
    if (!finished) { // past finish the bound belongs to the report's thread
      bound.accept(s);
    }
  }

  static StageSpan translate(FinishedStage s) {
    return translate(s, -1, List.of());
  }

  /**
   * {@code blockedNanos}: -1 when lock time was not measured, else the call's (0 for none);
   * {@code summarised}: the calls under it that the bound summarised, as further folds.
   */
  static StageSpan translate(FinishedStage s, long blockedNanos,
      List<FoldedAggregate> summarised) {
    List<FoldedAggregate> folded = new ArrayList<>(s.folds().size() + summarised.size());
    for (FoldSummary f : s.folds()) {
      folded.add(new FoldedAggregate(StageRegistry.stage(f.stageId).name, f.calls, f.errors,
          f.wallNanos, f.cpuNanos, f.allocBytes, f.records, f.bytes, f.p50Nanos, f.p99Nanos,
          f.maxNanos, f.withinStageId < 0 ? "" : StageRegistry.stage(f.withinStageId).name,
          f.timedCalls, LatencyBuckets.of(f.bucketNanos, f.bucketCounts), f.threadId,
          f.windowStartEpochNanos, f.windowEndEpochNanos));
    }
    folded.addAll(summarised); // after the span's own folds: see RunBound on their order
    return new StageSpan(SpanConverter.traceId(s.traceHi, s.traceLo),
        SpanConverter.spanId(s.spanId),
        s.parentSpanId == 0 ? "" : SpanConverter.spanId(s.parentSpanId),
        StageRegistry.stage(s.stageId).name,
        StageRegistry.pipeline(s.pipelineId), s.threadName, s.threadId, s.startEpochNanos,
        // A sampled CPU figure is right over many calls but not per call: a span of a few
        // microseconds almost never contains a 10 ms sampler tick, so it would read as
        // "off CPU". The analysis judges CPU-boundness from calls measured exactly.
        s.endEpochNanos, s.cpuExact ? s.cpuNanos : -1, s.cpuExact, s.allocBytes, blockedNanos,
        s.records, s.bytes, s.error != null,
        s.error == null ? "" : s.error.getClass().getName(), folded, s.exemplar);
  }

  /** Lock and wait time of each call, by numeric span id; empty when not measured. */
  private Map<Long, Contention> contentionOf(List<FinishedStage> finished) {
    ContentionMonitor m = contention;
    if (m == null) {
      return Map.of();
    }
    List<SpanInterval> spans = new ArrayList<>(finished.size());
    for (FinishedStage s : finished) {
      spans.add(new SpanInterval(s.spanId, s.threadId, s.startEpochNanos, s.endEpochNanos,
          StageRegistry.stage(s.stageId).name));
    }
    Map<Long, Contention> byId = m.attribute(spans, deadlineNanos);
    options.agentCounter("contention_events", m.eventsKept())
        .agentCounter("contention_dropped_events", m.eventsDropped());
    return byId;
  }

  /**
   * Calls not measured because their thread nested past the depth limit: the total and each
   * stage's, as {@code untracked_nesting_calls} and {@code untracked_nesting_calls.<stage>}.
   */
  private static Map<String, Long> untrackedNesting() {
    Map<String, Long> out = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : Collector.untrackedByStage().entrySet()) {
      out.put("untracked_nesting_calls." + e.getKey(), e.getValue());
      total += e.getValue();
    }
    out.put("untracked_nesting_calls", total);
    return out;
  }

  /** Starts the analysis on its own thread; {@link #await} collects it. */
  @Override
  public void finish(long deadlineNanos) {
    ReportRehearsal r = rehearsal;
    if (r != null) {
      r.cancel();
    }
    this.deadlineNanos = deadlineNanos;
    finished = true;
    worker = new Thread(this::produce, "perf-agent-report");
    worker.setDaemon(true);
    worker.start();
  }

  private void produce() {
    try {
      long t0 = System.nanoTime();
      RunBound.Kept k = bound.finish();
      kept = k;
      List<FinishedStage> finished = k.spans();
      if (finished.isEmpty()) {
        return;
      }
      Map<Long, Contention> contended = contentionOf(finished);
      ContentionMonitor m = contention;
      List<StageSpan> snapshot = new ArrayList<>(finished.size());
      Map<String, Contention> bySpanId = new HashMap<>();
      for (FinishedStage s : finished) {
        Contention c = contended.get(s.spanId);
        StageSpan span = translate(s,
            c != null ? c.blockedNanos() : m != null && m.measured(s.startEpochNanos) ? 0 : -1,
            k.aggregates().getOrDefault(s.spanId, List.of()));
        snapshot.add(span);
        if (c != null) {
          bySpanId.put(span.spanId(), c);
        }
      }
      options.contention(bySpanId);
      ResourceTimeline timeline = resources;
      if (timeline != null) {
        options.resourceSamples(timeline.samples());
      }
      long t1 = System.nanoTime();
      Report report = Analyzer.analyze(snapshot, options
          .agentCounters(k.counters())
          .agentCounter(AgentInfo.TIMER_OVERHEAD_NS, AgentSettings.timerOverheadNanos)
          .agentCounter(AgentInfo.TIMER_CALIBRATIONS, TimerCalibrator.calibrations())
          .agentCounters(untrackedNesting())
          .agentCounter(AgentInfo.FOLD_SAMPLE, AgentSettings.foldSampleMask + 1L)
          .agentCounter("fold_exemplars_left_out", exemplarsLeftOut.get())
          .agent(io.perfagent.agent.AgentPremain.version(),
              k.droppedSpans() + droppedElsewhere.get())
          .build());
      long t2 = System.nanoTime();
      text = TextReport.render(report);
      String json = ReportJson.write(report);
      String html = HtmlReportWriter.render(json);
      long t3 = System.nanoTime();
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.json"), json, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("index.html"), html, StandardCharsets.UTF_8);
      written = true;
      AgentLog.debug("report of " + finished.size() + " spans: translate " + ms(t1 - t0)
          + ", analysis " + ms(t2 - t1) + ", text/json/html " + ms(t3 - t2) + ", files "
          + ms(System.nanoTime() - t3));
    } catch (Throwable t) {
      AgentLog.failure("report", "could not write the report to " + dir.toAbsolutePath(), t);
    }
  }

  private static String ms(long nanos) {
    return nanos / 1_000_000 + " ms";
  }

  /**
   * Waits for the analysis until the deadline; returns the text report, or null when there is
   * none (nothing ran, it failed, or it did not finish in time).
   */
  public String await(long deadlineNanos) {
    Thread w = worker;
    if (w == null) {
      return null;
    }
    try {
      w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (w.isAlive()) {
      AgentLog.info("the report was not finished within the exit bound; " + dir
          + " may be incomplete");
      return null;
    }
    return text;
  }

  /**
   * What the bound did, for the exit line: spans summarised or dropped, or nothing when it
   * was not reached (or the report has not finished).
   */
  public List<String> boundLines() {
    RunBound.Kept k = kept;
    if (k == null || k.summarisedSpans() + k.droppedExemplars() + k.droppedSpans() == 0) {
      return List.of();
    }
    List<String> parts = new ArrayList<>(3);
    if (k.summarisedSpans() > 0) {
      parts.add(k.summarisedSpans() + " spans summarised into per-stage aggregates "
          + "(report.max.spans=" + maxSpans + "; calls and totals exact)");
    }
    if (k.droppedExemplars() > 0) {
      parts.add(k.droppedExemplars()
          + " exemplar spans dropped (their calls are in the folded figures)");
    }
    if (k.droppedSpans() > 0) {
      Long runs = k.counters().get("report_dropped_runs");
      parts.add(k.droppedSpans() + " spans dropped" + (runs != null && runs > 0
          ? " (" + runs + " runs past the roots' bound, with their calls)"
          : " (calls of runs whose root had not ended at exit)"));
    }
    StringBuilder b = new StringBuilder("report: ").append(String.join(", ", parts));
    return List.of(b.toString());
  }

  /** Spans or calls the report lost entirely (see {@link RunBound}); 0 until it finished. */
  public long droppedSpans() {
    RunBound.Kept k = kept;
    return k == null ? 0 : k.droppedSpans();
  }

  public Path dir() {
    return dir;
  }

  /** True once report.json and index.html are both on disk. */
  public boolean written() {
    return written;
  }
}
