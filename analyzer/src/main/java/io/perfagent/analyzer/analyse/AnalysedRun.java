package io.perfagent.analyzer.analyse;

import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.recommend.Recommendation;
import io.perfagent.analysis.stats.StageStats;
import java.util.List;

/**
 * One version of one run, analysed: what the history keeps.
 *
 * @param runId the trace id, the same for every version
 * @param startNanos the root's start, epoch nanoseconds
 * @param reportJson the run's {@code perf-report/1} document
 * @param spans the spans it was analysed from (re-analysed for a pipeline's report over runs)
 * @param samples the resource samples it was analysed with
 */
public record AnalysedRun(
    String runId,
    int version,
    String pipeline,
    String rootStage,
    long startNanos,
    long endNanos,
    long analysedAtMillis,
    List<String> services,
    List<String> instances,
    List<StageStats> stages,
    List<Bottleneck> bottlenecks,
    List<Recommendation> recommendations,
    List<CriticalPathSegment> criticalPath,
    String reportJson,
    List<StageSpan> spans,
    List<ResourceSample> samples) {

  public AnalysedRun {
    services = List.copyOf(services);
    instances = List.copyOf(instances);
    stages = List.copyOf(stages);
    bottlenecks = List.copyOf(bottlenecks);
    recommendations = List.copyOf(recommendations);
    criticalPath = List.copyOf(criticalPath);
    spans = List.copyOf(spans);
    samples = List.copyOf(samples);
  }

  public long wallNanos() {
    return endNanos - startNanos;
  }
}
