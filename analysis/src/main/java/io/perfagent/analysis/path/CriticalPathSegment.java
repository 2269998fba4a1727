package io.perfagent.analysis.path;

/**
 * A stretch of the critical path during which {@code spanId} itself (not one of its
 * children) held the run back.
 *
 * @param startNanos epoch nanoseconds
 */
public record CriticalPathSegment(String spanId, String stage, long startNanos,
    long durationNanos) {

  public long endNanos() {
    return startNanos + durationNanos;
  }
}
