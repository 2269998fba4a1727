package io.perfagent.analyzer.alert;

import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analyzer.analyse.AnalysedRun;
import java.util.List;

/**
 * What the alerts need of a stored run, without its spans and report (a queued run holds
 * only this).
 */
record RunFacts(String runId, String pipeline, long startNanos, long endNanos,
    List<StageStats> stages, List<ResourceSample> samples) {

  static RunFacts of(AnalysedRun run) {
    return new RunFacts(run.runId(), run.pipeline(), run.startNanos(), run.endNanos(),
        run.stages(), run.samples());
  }
}
