package io.perfagent.analyzer.analyse;

import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.report.PipelineReport;
import io.perfagent.analysis.report.Report;
import io.perfagent.analysis.report.ReportJson;
import io.perfagent.analyzer.assemble.ClosedRun;
import java.util.List;

/**
 * The analysis of spans, with the options the agent's exit report uses by default (speedup 2,
 * default SLOs), so the same run gives the same answer here and there. A run is analysed with
 * the resource samples its JVMs sent as OTLP metrics; those arrive at the exporter's interval
 * ({@code OTEL_METRIC_EXPORT_INTERVAL}, 60 s unless set), not at the sampler's, so a kind that
 * rests on the machine's load ("waited for a core") is only as good as that interval. The cores of the
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

  /** Spans of any number of runs, analysed together: a pipeline's report over its runs. */
  public static Report report(List<StageSpan> spans) {
    return Analyzer.analyze(spans, options(List.of()));
  }

  /**
   * One closed run, analysed with the resource samples its JVMs sent (none when
   * {@code resources} is null); null when it has no root to analyse from.
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
    List<ResourceSample> samples = resources == null || from > to ? List.of()
        : resources.between(run.instances(), from, to);
    Report report = Analyzer.analyze(run.spans(), options(samples));
    if (report.pipelines().isEmpty()) {
      return null;
    }
    PipelineReport p = report.pipelines().get(0);
    return new AnalysedRun(run.runId(), run.version(), p.name(), p.rootStage(),
        p.slowestRunStartNanos(), p.slowestRunStartNanos() + p.slowestRunWallNanos(),
        nowMillis, run.services(), run.instances(), p.stages(), p.bottlenecks(),
        p.recommendations(), p.criticalPath(), ReportJson.write(report), run.spans());
  }
}
