package io.perfagent.analyzer.analyse;

import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.report.PipelineReport;
import io.perfagent.analysis.report.Report;
import io.perfagent.analysis.report.ReportJson;
import io.perfagent.analyzer.assemble.ClosedRun;
import java.util.List;

/**
 * The analysis of spans, with the options the agent's exit report uses by default (speedup 2,
 * default SLOs), so the same run gives the same answer here and there. The cores of the
 * machine the run ran on are not exported, so they are unknown (0) here: only the wording of a
 * single-thread recommendation depends on them.
 */
public final class RunAnalysis {

  private RunAnalysis() {}

  /** Options for every analysis here. */
  public static AnalysisOptions options() {
    return AnalysisOptions.builder().availableCores(0).addSpeedup(2).build();
  }

  /** Spans of any number of runs, analysed together: a pipeline's report over its runs. */
  public static Report report(List<StageSpan> spans) {
    return Analyzer.analyze(spans, options());
  }

  /** One closed run, analysed; null when it has no root to analyse from. */
  public static AnalysedRun analyse(ClosedRun run, long nowMillis) {
    Report report = report(run.spans());
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
