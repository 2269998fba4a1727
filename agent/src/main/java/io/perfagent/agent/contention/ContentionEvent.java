package io.perfagent.agent.contention;

/**
 * One time a thread stopped on a lock or waited, as the JVM reported it.
 *
 * @param startEpochNanos when it stopped
 * @param what what it stopped on, e.g. {@code "monitor io.acme.Ledger"} or
 *     {@code "parked on java.util.concurrent.locks.ReentrantLock$NonfairSync"}
 * @param ownerThreadId the thread that held the monitor last, -1 when not known (parks)
 * @param ownerThreadName its name, {@code ""} when not known
 */
public record ContentionEvent(long threadId, long startEpochNanos, long durationNanos,
    BlockerKind kind, String what, long ownerThreadId, String ownerThreadName) {

  public long endEpochNanos() {
    return startEpochNanos + durationNanos;
  }
}
