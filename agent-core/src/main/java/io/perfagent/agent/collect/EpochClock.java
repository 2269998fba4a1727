package io.perfagent.agent.collect;

import java.time.Instant;

/**
 * Turns {@code System.nanoTime()} readings (what woven code records: cheap and monotonic) into
 * epoch nanoseconds (what spans carry), from one anchor taken at start-up.
 */
public final class EpochClock {

  private final long anchorEpochNanos;
  private final long anchorNanoTime;

  public EpochClock() {
    Instant now = Instant.now();
    anchorNanoTime = System.nanoTime();
    anchorEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * A clock on a given anchor: the OpenTelemetry extension's, shared with the woven code that
   * sets its spans' start times ({@code HostSpans}).
   */
  public EpochClock(long anchorEpochNanos, long anchorNanoTime) {
    this.anchorEpochNanos = anchorEpochNanos;
    this.anchorNanoTime = anchorNanoTime;
  }

  public long toEpochNanos(long nanoTime) {
    return anchorEpochNanos + (nanoTime - anchorNanoTime);
  }
}
