package io.perfagent.analyzer.store;

/** A pipeline seen in the history: how many runs, when the last one started, its bottleneck. */
public record PipelineSummary(String name, long runs, long lastStartNanos, String lastRunId,
    long lastWallNanos, String lastTopStage, String lastTopKind) {}
