package io.perfagent.analyzer.store;

/** One stage's statistics in one stored run: a row of the export. */
public record StageRow(String runId, int version, String pipeline, long runStartNanos,
    long runWallNanos, String stage, long calls, long errors, long wallNanos, long selfNanos,
    long cpuNanos, long allocBytes, long records, long p50Nanos, long p95Nanos, long p99Nanos,
    long maxNanos, double criticalPathShare, double inclusiveCriticalPathShare, int threads) {}
