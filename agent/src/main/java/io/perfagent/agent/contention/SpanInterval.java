package io.perfagent.agent.contention;

/** Where and when one stage call ran: what events are attributed to. Epoch nanoseconds. */
public record SpanInterval(long spanId, long threadId, long startEpochNanos,
    long endEpochNanos, String stage) {

  boolean covers(long t) {
    return startEpochNanos <= t && t <= endEpochNanos;
  }
}
