package io.perfagent.agent;

import io.perfagent.agent.collect.Collector;
import io.perfagent.agent.collect.CpuSampler;
import io.perfagent.agent.collect.EpochClock;
import io.perfagent.agent.collect.StageSink;
import io.perfagent.agent.collect.StatsTable;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.contention.ContentionMonitor;
import io.perfagent.agent.export.OtelExport;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.report.EmbeddedReport;
import io.perfagent.agent.report.ExitSummary;
import io.perfagent.agent.resource.ResourceSampler;
import io.perfagent.agent.weave.Weaver;
import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.slo.SloConfig;
import io.perfagent.bootstrap.Faults;
import io.perfagent.bootstrap.Probes;
import io.perfagent.bootstrap.TaskContexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's own threads and what they feed: the collector that drains the stage buffers,
 * the CPU and resource samplers, OpenTelemetry export and the embedded report. Started off the
 * application's start-up path; at exit, flushed in order and summarised on stderr.
 */
final class AgentServices implements Runnable {

  private final AgentConfig config;
  private final long startNanos;
  private final Properties system;
  private final Map<String, String> env;
  private final StatsTable stats = new StatsTable();
  // set by start(); read at exit only after the start thread has ended (join)
  private OtelExport export;
  private EmbeddedReport report;
  private Collector collector;
  private CpuSampler sampler;
  private ResourceSampler resources;

  AgentServices(AgentConfig config, long startNanos, Properties system,
      Map<String, String> env) {
    this.config = config;
    this.startNanos = startNanos;
    this.system = system;
    this.env = env;
  }

  /**
   * When the exit report is rehearsed (report.warmup): past the application's own start-up,
   * when class loading and compilation quieten down, yet early enough that most runs get there.
   */
  private static final long WARMUP_AFTER_NANOS = 2_000_000_000L;

  /** Builds and starts everything; runs on its own thread. */
  @Override
  public void run() {
    try {
      EpochClock clock = new EpochClock();
      ContentionMonitor contention = null;
      List<StageSink> sinks = new ArrayList<>();
      if (config.get(AgentConfig.REPORT)) {
        report = embeddedReport();
        sinks.add(report); // first: its analysis starts while the export still flushes
        String mode = config.get(AgentConfig.CONTENTION);
        if (!mode.equals("off")) {
          contention = new ContentionMonitor(config.get(AgentConfig.CONTENTION_THRESHOLD),
              config.get(AgentConfig.CONTENTION_MAX_EVENTS));
          report.contention(contention);
          if (mode.equals("on")) {
            contention.start(); // first of all: JFR takes the longest to start (0.3-1 s)
          }
        }
      }
      if (OtelExport.wanted(system, env)) {
        export = new OtelExport(stats, AgentPremain.version(), clock.toEpochNanos(startNanos),
            system, env);
        sinks.add(export);
      }
      collector = new Collector(stats, sinks,
          config.get(AgentConfig.DRAIN_INTERVAL).toNanos(), clock);
      collector.start();
      sampler = new CpuSampler(config.get(AgentConfig.CPU_SAMPLE_INTERVAL).toNanos());
      if (contention != null && config.get(AgentConfig.CONTENTION).equals("auto")) {
        sampler.watch(contention.lockWatch());
      }
      sampler.start();
      if (config.get(AgentConfig.SAMPLE)) {
        resources = ResourceSampler.of(config, clock);
        if (export != null) {
          export.resources(resources);
        }
        if (report != null) {
          report.resources(resources.timeline());
        }
        resources.start();
      }
      if (export != null) {
        export.start();
      }
      if (report != null) {
        report.countDropsWith(collector::droppedRecords);
        report.countExemplarsWith(collector::exemplarsLeftOut);
        if (config.get(AgentConfig.REPORT_WARMUP)) {
          report.rehearseAfter(startNanos + WARMUP_AFTER_NANOS - System.nanoTime());
        }
      }
      sayWhatIsNotMeasured();
      AgentLog.debug("agent services started " + (System.nanoTime() - startNanos) / 1_000_000
          + " ms after the agent started");
    } catch (Throwable t) {
      AgentLog.failure("start", "could not start the agent's collector or export; stages are "
          + "woven but not reported", t);
    }
  }

  private static void sayWhatIsNotMeasured() {
    if (!Probes.allocationSupported()) {
      AgentLog.info("this JVM cannot count bytes allocated per thread; allocation is reported "
          + "as n/a");
    }
    if (!Probes.cpuSupported()) {
      AgentLog.info("this JVM cannot read thread CPU time; CPU is reported as 0");
    }
  }

  /** At JVM exit: stops the samplers, flushes, waits for the report, prints the summary. */
  void exit() {
    if (collector == null) {
      return; // start() failed, and said so
    }
    long flushNanos = config.get(AgentConfig.FLUSH_TIMEOUT).toNanos();
    long reportNanos = config.get(AgentConfig.REPORT_TIMEOUT).toNanos();
    long start = System.nanoTime();
    sampler.stop();
    if (resources != null) {
      resources.stop(start + Math.min(flushNanos, 1_000_000_000L));
    }
    long sampled = System.nanoTime();
    collector.shutdown(start + flushNanos);
    long flushed = System.nanoTime();
    String analysis = report == null ? null : report.await(start + reportNanos);
    AgentLog.debug("exit: last resource tick " + (sampled - start) / 1_000_000 + " ms, flush "
        + (flushed - sampled) / 1_000_000 + " ms, report "
        + (System.nanoTime() - flushed) / 1_000_000 + " ms");
    if (!config.get(AgentConfig.SUMMARY)) {
      return;
    }
    List<String> footer = footer();
    if (resources != null) {
      footer.add(resources.describe());
    }
    List<String> lines;
    if (analysis != null) {
      // the analysis has the stage table too, with critical-path shares: print it alone
      if (report.written()) {
        footer.add("report written to " + report.dir().toAbsolutePath());
      }
      lines = new ArrayList<>();
      for (String line : (analysis + String.join("\n", footer)).split("\n")) {
        lines.add(AgentLog.PREFIX + line);
      }
    } else {
      lines = ExitSummary.render(stats.snapshot(), System.nanoTime() - startNanos, footer);
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append(System.lineSeparator());
    }
    System.err.print(out); // one write, so it is not interleaved with the application's
  }

  private EmbeddedReport embeddedReport() {
    AnalysisOptions.Builder options = AnalysisOptions.builder()
        .availableCores(Runtime.getRuntime().availableProcessors())
        .addSpeedup(config.get(AgentConfig.WHATIF_SPEEDUP));
    String slo = config.get(AgentConfig.SLO);
    if (!slo.isBlank()) {
      try {
        options.slo(SloConfig.parse(slo));
      } catch (RuntimeException e) {
        AgentLog.info("bad value '" + slo + "' for key 'slo': " + e.getMessage()
            + "; using the default SLOs");
      }
    }
    double price = config.get(AgentConfig.PRICE_CORE_HOUR);
    if (price > 0) {
      options.pricePerCoreHour(price, "USD");
    }
    return new EmbeddedReport(Path.of(config.get(AgentConfig.REPORT_DIR)),
        config.get(AgentConfig.REPORT_MAX_SPANS), options);
  }

  /** The stages whose calls nested past the depth limit, with their counts, or nothing. */
  private static String nesting() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : Collector.untrackedByStage().entrySet()) {
      b.append(b.length() == 0 ? ": " : ", ").append(e.getKey()).append(' ')
          .append(e.getValue());
    }
    return b.toString();
  }

  private List<String> footer() {
    List<String> lines = new ArrayList<>();
    long droppedRecords = collector.droppedRecords();
    long droppedFolds = collector.droppedFoldCalls();
    long open = Collector.openStages();
    long contexts = TaskContexts.dropped();
    long untracked = collector.untrackedStages();
    long notReported = report == null ? 0 : report.droppedSpans();
    if (droppedRecords + droppedFolds + open + contexts + collector.lateFolds() + untracked
        + notReported == 0) {
      lines.add("nothing dropped");
    } else {
      lines.add("dropped: " + droppedRecords + " records (spans or fold summaries: thread "
          + "buffer full), " + droppedFolds + " folded calls, " + contexts + " task contexts, "
          + collector.lateFolds() + " late folds (in statistics, not on their parent span), "
          + untracked + " stage calls untracked (nesting past 128" + nesting()
          + ", or a missed exit); "
          + open + " stage calls still open at exit");
    }
    lines.addAll(Weaver.ruleMatches().describe()); // rule → methods woven, or nothing
    if (report != null) {
      lines.addAll(report.boundLines()); // what report.max.spans summarised or dropped
    }
    if (export != null) {
      lines.add(export.describe());
    }
    if (Faults.badTraceparents() > 0) {
      String first = Faults.firstBadTraceparent();
      lines.add(Faults.badTraceparents() + " stages opened with a malformed traceparent ran as "
          + "roots of their own (first: '" + (first.length() > 80 ? first.substring(0, 80) + "…"
          : first) + "'; expected 00-<32 hex>-<16 hex>-<2 hex>)");
    }
    if (Faults.count() > 0) {
      lines.add("agent faults: " + Faults.count() + " (first: "
          + AgentLog.describe(Faults.first()) + ")");
    }
    return lines;
  }
}
