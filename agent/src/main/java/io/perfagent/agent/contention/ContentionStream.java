package io.perfagent.agent.contention;

/** A running source of lock and wait events; JDK types stay behind it. */
interface ContentionStream {

  /**
   * Stops taking events and waits, until {@code deadlineNanos} at most, for those already
   * recorded to arrive. Returns true when they all did.
   */
  boolean drain(long deadlineNanos);
}
