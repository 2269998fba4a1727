package io.perfagent.analysis.model;

/**
 * One point of a resource time series, named after the OpenTelemetry semantic conventions
 * (see {@link ResourceNames}). Utilizations are fractions in [0, 1]. For
 * {@link ResourceNames#GC_DURATION} the value is the seconds of one collection that
 * <em>ended</em> at {@code timeNanos}, so the pause covers
 * {@code [timeNanos - value * 1e9, timeNanos]}.
 */
public record ResourceSample(long timeNanos, String name, double value) {

  public ResourceSample {
    name = name == null ? "" : name;
  }
}
