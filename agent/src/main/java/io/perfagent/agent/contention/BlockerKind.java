package io.perfagent.agent.contention;

/**
 * Whether a thread that stopped was blocked on a lock (another thread held what it needed) or
 * waited for something to happen (an element in a queue, a future's result, a latch, a
 * condition). The JVM's events say what the thread stopped on; this names the kind.
 */
public enum BlockerKind {
  LOCK, WAIT;

  /**
   * The kind of a park on an object of this class (JFR's {@code parkedClass}, the object given
   * to {@code LockSupport.park}); {@code null} or empty (no blocker given) is a wait.
   *
   * <p>A lock's park is on its synchronizer: {@code ReentrantLock$NonfairSync},
   * {@code ReentrantReadWriteLock$FairSync}, a {@code StampedLock}, a {@code Semaphore}'s
   * sync (permits are a lock shared N ways), or a class of the application whose own or
   * enclosing simple name ends in {@code Lock}. A condition's await parks on
   * {@code AbstractQueuedSynchronizer$ConditionObject} (a queue's {@code take} does), a future
   * on {@code CompletableFuture$Signaller} or {@code FutureTask}, a latch on
   * {@code CountDownLatch$Sync}: all waits.
   */
  public static BlockerKind ofParked(String className) {
    if (className == null || className.isEmpty()) {
      return WAIT;
    }
    if (className.endsWith("$ConditionObject")) {
      return WAIT; // also a lock's own condition: awaiting a signal, not the lock
    }
    if (className.startsWith("java.util.concurrent.Semaphore$")) {
      return LOCK;
    }
    int dollar = className.indexOf('$');
    String outer = dollar < 0 ? className : className.substring(0, dollar);
    String simple = className.substring(Math.max(className.lastIndexOf('.'),
        className.lastIndexOf('$')) + 1);
    return outer.endsWith("Lock") || simple.endsWith("Lock") ? LOCK : WAIT;
  }
}
