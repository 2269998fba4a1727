package io.perfagent.analysis.report;

import io.perfagent.analysis.model.StageSpan;

import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.cost.Cost;
import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.path.LeftOutSpan;
import io.perfagent.analysis.recommend.Recommendation;
import io.perfagent.analysis.slo.Alert;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.whatif.WhatIf;
import java.util.List;

/**
 * Everything found about one pipeline.
 *
 * @param wallNanos the median run's wall time (lower median)
 * @param criticalPath the slowest run's critical path, absolute times
 * @param slowestRunStartNanos the slowest run's start: critical-path offsets are relative to it
 * @param leftOut spans of the slowest run left off its critical path, and why
 * @param slowestRunSpans the spans of the slowest run, for its waterfall
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
    List<StageSpan> slowestRunSpans) {

  public PipelineReport {
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
