package io.perfagent.analyzer.alert;

import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.slo.Alert;
import io.perfagent.analysis.slo.SloConfig;
import io.perfagent.analysis.slo.SloEvaluator;
import io.perfagent.analysis.slo.SloMetric;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analyzer.analyse.AnalysedRun;
import java.util.ArrayList;
import java.util.List;

/**
 * What the alerts need of a stored run, without its spans, report and resource samples: a
 * queued run holds only this. The resource rules are evaluated when it is made (one pass over
 * the samples the analysis just went through), so a long run's samples are not kept in the
 * queue.
 *
 * @param resourceBreaches the resource rules the run's samples breached
 * @param measuredResources the resource metrics ({@code cpu}, {@code memory}, {@code gpu}) the
 *     run had samples of
 */
record RunFacts(String runId, String pipeline, long startNanos, long endNanos,
    List<StageStats> stages, List<Alert> resourceBreaches, List<String> measuredResources) {

  RunFacts {
    stages = List.copyOf(stages);
    resourceBreaches = List.copyOf(resourceBreaches);
    measuredResources = List.copyOf(measuredResources);
  }

  static RunFacts of(AnalysedRun run, SloConfig config) {
    List<String> measured = new ArrayList<>();
    for (SloMetric m : List.of(SloMetric.CPU, SloMetric.MEMORY, SloMetric.GPU)) {
      if (measured(run.samples(), m, run.startNanos(), run.endNanos())) {
        measured.add(m.id());
      }
    }
    return new RunFacts(run.runId(), run.pipeline(), run.startNanos(), run.endNanos(),
        run.stages(), SloEvaluator.resources(config, run.samples(), run.startNanos(),
            run.endNanos()), measured);
  }

  private static boolean measured(List<ResourceSample> samples, SloMetric m, long from,
      long to) {
    List<String> names = switch (m) {
      case CPU -> ResourceNames.CPU;
      case MEMORY -> ResourceNames.MEMORY;
      default -> ResourceNames.GPU;
    };
    for (ResourceSample s : samples) {
      if (s.timeNanos() >= from && s.timeNanos() <= to && names.contains(s.name())) {
        return true;
      }
    }
    return false;
  }
}
