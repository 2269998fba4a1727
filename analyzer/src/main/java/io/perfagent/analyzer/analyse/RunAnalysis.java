package io.perfagent.analyzer.analyse;

import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.report.PipelineReport;
import io.perfagent.analysis.report.Report;
import io.perfagent.analysis.report.ReportJson;
import io.perfagent.analyzer.assemble.ClosedRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The analysis of spans, with the options the agent's exit report uses by default (speedup 2,
 * default SLOs), so the same run gives the same answer here and there. A run is analysed with
 * the resource timeline each JVM's top span of it carried, at the sampler's step; a JVM whose
 * spans carried none (sampling off there, or an older agent) is joined with the samples it
 * sent as OTLP metrics, which arrive at the exporter's interval
 * ({@code OTEL_METRIC_EXPORT_INTERVAL}, 60 s unless set), so a kind that rests on the
 * machine's load ("waited for a core") is only as good as that interval. The cores of the
 * machine the run ran on are not exported, so they are unknown (0) here: only the wording of a
 * single-thread recommendation depends on them.
 */
public final class RunAnalysis {

  private RunAnalysis() {}

  /** Options for every analysis here, with the resource samples that go with the spans. */
  public static AnalysisOptions options(List<ResourceSample> samples) {
    return AnalysisOptions.builder().availableCores(0).addSpeedup(2).resourceSamples(samples)
        .build();
  }

  /**
   * Spans of any number of runs, analysed together with the resource samples each was
   * analysed with: a pipeline's report over its runs.
   */
  public static Report report(List<StageSpan> spans, List<ResourceSample> samples) {
    return Analyzer.analyze(spans, options(samples));
  }

  /**
   * One closed run, analysed with the resource timelines its spans carried, and for the JVMs
   * whose spans carried none, the samples they sent as metrics (none when {@code resources}
   * is null); null when it has no root to analyse from.
   */
  public static AnalysedRun analyse(ClosedRun run, long nowMillis, ResourceTimelines resources) {
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (StageSpan s : run.spans()) {
      if (s.isRoot()) {
        from = Math.min(from, s.startNanos());
        to = Math.max(to, s.endNanos());
      }
    }
    List<ResourceSample> samples = samples(run, resources, from, to);
    Report report = Analyzer.analyze(run.spans(), options(samples));
    if (report.pipelines().isEmpty()) {
      return null;
    }
    PipelineReport p = report.pipelines().get(0);
    return new AnalysedRun(run.runId(), run.version(), p.name(), p.rootStage(),
        p.slowestRunStartNanos(), p.slowestRunStartNanos() + p.slowestRunWallNanos(),
        nowMillis, run.services(), run.instances(), p.stages(), p.bottlenecks(),
        p.recommendations(), p.criticalPath(), ReportJson.write(report), run.spans(), samples);
  }

  /** The carried samples and the metric ones of the other instances, each sample once. */
  private static List<ResourceSample> samples(ClosedRun run, ResourceTimelines resources,
      long from, long to) {
    List<String> others = new ArrayList<>();
    for (String i : run.instances()) {
      if (!run.carriedBy().contains(i)) {
        others.add(i);
      }
    }
    if (resources == null || from > to || others.isEmpty()) {
      return run.carried();
    }
    List<ResourceSample> fromMetrics = resources.between(others, from, to);
    if (run.carried().isEmpty()) {
      return fromMetrics;
    }
    Set<ResourceSample> all = new LinkedHashSet<>(run.carried());
    all.addAll(fromMetrics);
    List<ResourceSample> out = new ArrayList<>(all);
    out.sort(Comparator.comparingLong(ResourceSample::timeNanos));
    return out;
  }
}
