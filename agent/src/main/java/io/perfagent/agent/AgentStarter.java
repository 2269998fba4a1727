package io.perfagent.agent;

import io.perfagent.agent.collect.Collector;
import io.perfagent.agent.collect.CpuSampler;
import io.perfagent.agent.collect.EpochClock;
import io.perfagent.agent.collect.StageSink;
import io.perfagent.agent.collect.StatsTable;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.export.OtelExport;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.report.EmbeddedReport;
import io.perfagent.agent.report.ExitSummary;
import io.perfagent.agent.resource.Readings;
import io.perfagent.agent.resource.ResourceSampler;
import io.perfagent.agent.resource.ResourceTimeline;
import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.slo.SloConfig;
import java.nio.file.Path;
import io.perfagent.agent.weave.Weaver;
import io.perfagent.bootstrap.AgentSettings;
import io.perfagent.bootstrap.Faults;
import io.perfagent.bootstrap.Probes;
import io.perfagent.bootstrap.TaskContexts;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Starts the agent once the bootstrap classes are reachable: reads the configuration, weaves,
 * starts the collector, the CPU sampler and (when configured) OpenTelemetry export, and
 * registers the exit flush and summary.
 */
final class AgentStarter {

  private AgentStarter() {}

  static void start(String args, Instrumentation inst, boolean late) {
    Properties system = System.getProperties();
    Map<String, String> env = System.getenv();
    AgentConfig config = AgentConfig.load(args, system, env);
    AgentLog.setDebug(config.get(AgentConfig.DEBUG));
    config.report();

    AgentSettings.foldThreshold = config.get(AgentConfig.FOLD_THRESHOLD);
    AgentSettings.exemplars = config.get(AgentConfig.FOLD_EXEMPLARS);
    AgentSettings.foldSampleMask = Integer.highestOneBit(config.get(AgentConfig.FOLD_SAMPLE)) - 1;
    AgentSettings.cpuExactNanos = config.get(AgentConfig.CPU_EXACT).toNanos();
    AgentSettings.ringCapacity = config.get(AgentConfig.BUFFER_SIZE);
    if (!Probes.allocationSupported()) {
      AgentLog.info("this JVM cannot count bytes allocated per thread; allocation is reported "
          + "as n/a");
    }
    if (!Probes.cpuSupported()) {
      AgentLog.info("this JVM cannot read thread CPU time; CPU is reported as 0");
    }

    EpochClock clock = new EpochClock();
    long startNanos = System.nanoTime();
    StatsTable stats = new StatsTable();
    List<StageSink> sinks = new ArrayList<>();
    OtelExport export = null;
    if (OtelExport.wanted(system, env)) {
      export = new OtelExport(stats, AgentPremain.version(), clock.toEpochNanos(startNanos),
          system, env);
      sinks.add(export);
    }
    EmbeddedReport report = config.get(AgentConfig.REPORT) ? embeddedReport(config) : null;
    if (report != null) {
      sinks.add(0, report); // first: its analysis starts while the export still flushes
    }
    Collector collector = new Collector(stats, sinks,
        config.get(AgentConfig.DRAIN_INTERVAL).toNanos(), clock);
    CpuSampler sampler = new CpuSampler(config.get(AgentConfig.CPU_SAMPLE_INTERVAL).toNanos());
    ResourceSampler resources = config.get(AgentConfig.SAMPLE) ? resourceSampler(config, clock)
        : null;
    if (resources != null) {
      if (export != null) {
        export.resources(resources);
      }
      if (report != null) {
        report.resources(resources.timeline());
      }
    }

    AgentSettings.enabled = true;
    long weaveStart = System.nanoTime();
    Weaver.install(inst, late);
    AgentLog.debug("weaving installed in " + (System.nanoTime() - weaveStart) / 1_000_000
        + " ms");
    collector.start();
    sampler.start();
    if (resources != null) {
      resources.start();
    }
    if (export != null) {
      export.start();
    }
    if (late) {
      AgentLog.info("attached (perf-agent " + AgentPremain.version() + ")");
    }

    if (report != null) {
      report.countDropsWith(collector::droppedRecords);
    }
    OtelExport exportForExit = export;
    boolean summary = config.get(AgentConfig.SUMMARY);
    long flushNanos = config.get(AgentConfig.FLUSH_TIMEOUT).toNanos();
    long reportNanos = config.get(AgentConfig.REPORT_TIMEOUT).toNanos();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        long start = System.nanoTime();
        sampler.stop();
        if (resources != null) {
          resources.stop(start + Math.min(flushNanos, 1_000_000_000L));
        }
        collector.shutdown(start + flushNanos);
        String analysis = report == null ? null : report.await(start + reportNanos);
        if (summary) {
          List<String> footer = footer(collector, exportForExit);
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
      } catch (Throwable t) {
        AgentLog.failure("exit", "could not finish at exit", t);
      }
    }, "perf-agent-shutdown"));
  }

  private static ResourceSampler resourceSampler(AgentConfig config, EpochClock clock) {
    long interval = config.get(AgentConfig.SAMPLE_INTERVAL).toNanos();
    Map<String, String> settings = new HashMap<>();
    settings.put("sample.gpu", config.get(AgentConfig.SAMPLE_GPU) ? "auto" : "off");
    settings.put("sample.nvml.library", config.get(AgentConfig.SAMPLE_NVML_LIBRARY));
    settings.put("sample.sysfs.root", config.get(AgentConfig.SAMPLE_SYSFS_ROOT));
    settings.put("sample.procfs.root", config.get(AgentConfig.SAMPLE_PROCFS_ROOT));
    settings.put("sample.cgroup.root", config.get(AgentConfig.SAMPLE_CGROUP_ROOT));
    return new ResourceSampler(settings, interval, clock, new Readings(),
        new ResourceTimeline(interval));
  }

  private static EmbeddedReport embeddedReport(AgentConfig config) {
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

  private static List<String> footer(Collector collector, OtelExport export) {
    List<String> lines = new ArrayList<>();
    long droppedRecords = collector.droppedRecords();
    long droppedFolds = collector.droppedFoldCalls();
    long open = Collector.openStages();
    long contexts = TaskContexts.dropped();
    long untracked = Collector.untrackedStages();
    if (droppedRecords + droppedFolds + open + contexts + collector.lateFolds() + untracked
        == 0) {
      lines.add("nothing dropped");
    } else {
      lines.add("dropped: " + droppedRecords + " span records (thread buffer full), "
          + droppedFolds + " folded calls, " + contexts + " task contexts, "
          + collector.lateFolds() + " late folds (in statistics, not on their parent span), "
          + untracked + " stage calls untracked (nesting past 128 or a missed exit); "
          + open + " stage calls still open at exit");
    }
    if (export != null) {
      lines.add(export.describe());
    }
    if (Faults.count() > 0) {
      lines.add("agent faults: " + Faults.count() + " (first: "
          + AgentLog.describe(Faults.first()) + ")");
    }
    return lines;
  }
}
