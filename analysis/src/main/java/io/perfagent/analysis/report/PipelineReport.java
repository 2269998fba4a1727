package io.perfagent.analysis.report;


import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.contention.StageContention;
import io.perfagent.analysis.cost.Cost;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.path.LeftOutSpan;
import io.perfagent.analysis.recommend.Recommendation;
import io.perfagent.analysis.resource.StageResources;
import io.perfagent.analysis.slo.Alert;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.whatif.WhatIf;
import java.util.List;
import java.util.Map;

/**
 * Everything found about one pipeline.
 *
 * @param wallNanos the median run's wall time (lower median)
 * @param criticalPath the slowest run's critical path, absolute times
 * @param slowestRunStartNanos the slowest run's start: critical-path offsets are relative to it
 * @param leftOut spans of the slowest run left off its critical path, and why
 * @param slowestRunSpans the spans of the slowest run, for its waterfall
 * @param stageResources what the resource series did while each stage ran, by stage name;
 *     only stages with figures
 * @param stageContention lock and wait time of each stage, by stage name; only stages with
 *     some
 */
public record PipelineReport(
    String name,
    int runs,
    long wallNanos,
    long wallMinNanos,
    long wallMaxNanos,
    long wallTotalNanos,
    String rootStage,
    List<StageStats> stages,
    String slowestTraceId,
    long slowestRunStartNanos,
    long slowestRunWallNanos,
    List<CriticalPathSegment> criticalPath,
    List<LeftOutSpan> leftOut,
    List<Bottleneck> bottlenecks,
    List<WhatIf> whatIfs,
    List<Alert> alerts,
    List<Recommendation> recommendations,
    Cost cost,
    List<StageSpan> slowestRunSpans,
    Map<String, StageResources> stageResources,
    Map<String, StageContention> stageContention) {

  /** True when the runs are a stream's windows (see {@link StageSpan#WINDOW_STAGE}). */
  public boolean stream() {
    return StageSpan.WINDOW_STAGE.equals(rootStage);
  }

  /** Without per-stage lock and wait figures, as before they existed. */
  public PipelineReport(String name, int runs, long wallNanos, long wallMinNanos,
      long wallMaxNanos, long wallTotalNanos, String rootStage, List<StageStats> stages,
      String slowestTraceId, long slowestRunStartNanos, long slowestRunWallNanos,
      List<CriticalPathSegment> criticalPath, List<LeftOutSpan> leftOut,
      List<Bottleneck> bottlenecks, List<WhatIf> whatIfs, List<Alert> alerts,
      List<Recommendation> recommendations, Cost cost, List<StageSpan> slowestRunSpans,
      Map<String, StageResources> stageResources) {
    this(name, runs, wallNanos, wallMinNanos, wallMaxNanos, wallTotalNanos, rootStage, stages,
        slowestTraceId, slowestRunStartNanos, slowestRunWallNanos, criticalPath, leftOut,
        bottlenecks, whatIfs, alerts, recommendations, cost, slowestRunSpans, stageResources,
        Map.of());
  }

  /** Without per-stage resource figures, as before they existed. */
  public PipelineReport(String name, int runs, long wallNanos, long wallMinNanos,
      long wallMaxNanos, long wallTotalNanos, String rootStage, List<StageStats> stages,
      String slowestTraceId, long slowestRunStartNanos, long slowestRunWallNanos,
      List<CriticalPathSegment> criticalPath, List<LeftOutSpan> leftOut,
      List<Bottleneck> bottlenecks, List<WhatIf> whatIfs, List<Alert> alerts,
      List<Recommendation> recommendations, Cost cost, List<StageSpan> slowestRunSpans) {
    this(name, runs, wallNanos, wallMinNanos, wallMaxNanos, wallTotalNanos, rootStage, stages,
        slowestTraceId, slowestRunStartNanos, slowestRunWallNanos, criticalPath, leftOut,
        bottlenecks, whatIfs, alerts, recommendations, cost, slowestRunSpans, Map.of());
  }

  public PipelineReport {
    // insertion order is kept: it is the order the stages were met in
    stageResources = stageResources == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageResources));
    stageContention = stageContention == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageContention));
    stages = List.copyOf(stages);
    criticalPath = List.copyOf(criticalPath);
    leftOut = List.copyOf(leftOut);
    slowestRunSpans = slowestRunSpans == null ? List.of() : List.copyOf(slowestRunSpans);
    bottlenecks = List.copyOf(bottlenecks);
    whatIfs = List.copyOf(whatIfs);
    alerts = List.copyOf(alerts);
    recommendations = List.copyOf(recommendations);
  }
}
