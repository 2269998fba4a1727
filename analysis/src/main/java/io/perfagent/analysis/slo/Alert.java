package io.perfagent.analysis.slo;

/**
 * A breached objective.
 *
 * @param subject {@code stage:NAME}, {@code pipeline:NAME} or {@code resource:cpu|memory|gpu}
 * @param rule the rule as written, e.g. {@code p95<150ms/200ms}
 * @param value the measured value, in {@code unit}
 * @param threshold the limit it reached, in {@code unit}
 * @param unit {@code ns} for latencies, {@code ratio} for rates and utilizations (0..1)
 */
public record Alert(AlertLevel level, String subject, String rule, double value,
    double threshold, String unit) {}
