package io.perfagent.bootstrap.resource;

/**
 * Where a {@link ResourceSource} puts what one tick read. Names and units follow the
 * OpenTelemetry semantic conventions where they exist ({@code system.cpu.utilization}, unit
 * {@code 1}; {@code jvm.memory.used}, unit {@code By}), {@code perf.*} otherwise.
 * {@code attributes} are key, value pairs: {@code "hw.id", uuid, "hw.vendor", "nvidia"}.
 * Called on the sampler thread only.
 */
public interface ResourceWriter {

  /** A value at this instant: a utilization (0..1), a usage in bytes, a count. */
  void gauge(String name, String unit, double value, String... attributes);

  /** A cumulative total since a fixed start (bytes moved, seconds spent); never decreases. */
  void counter(String name, String unit, double total, String... attributes);

  /**
   * One event that ended at {@code endEpochNanos} (wall clock, nanoseconds since the epoch)
   * and measured {@code value} (a GC pause of 0.012 s: name {@code jvm.gc.duration}, unit
   * {@code s}). Recorded into a histogram and onto the timeline.
   */
  void event(String name, String unit, long endEpochNanos, double value, String... attributes);
}
