package io.perfagent.analysis.stats;

/**
 * One bin of a stage's wall-time histogram: calls above the previous bin's bound up to
 * {@code leNanos}. Counts of folded calls are estimates (timed calls scaled to all).
 */
public record HistogramBin(long leNanos, long count) {}
