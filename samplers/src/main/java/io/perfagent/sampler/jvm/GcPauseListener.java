package io.perfagent.sampler.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Receives GC notifications on the JDK's notification thread and only offers them to a bounded
 * queue, which the sampler thread drains each tick: no lock is held here that the sampler could
 * block on, and a burst that overflows the queue is counted, not waited for.
 */
final class GcPauseListener implements NotificationListener {

  static final int CAPACITY = 1024;

  private final ArrayBlockingQueue<GcPause> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  /** Every collection notified so far, pause or not: compared with the collectors' counts. */
  private final AtomicLong notified = new AtomicLong();
  private final long jvmStartEpochMillis;

  /** {@code jvmStartEpochMillis}: GcInfo times are milliseconds since the JVM started. */
  GcPauseListener(long jvmStartEpochMillis) {
    this.jvmStartEpochMillis = jvmStartEpochMillis;
  }

  @Override
  public void handleNotification(Notification n, Object handback) {
    try {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())
          || !(n.getUserData() instanceof CompositeData data)) {
        return;
      }
      GarbageCollectionNotificationInfo gc = GarbageCollectionNotificationInfo.from(data);
      notified.incrementAndGet();
      if (!GcKinds.isPause(gc.getGcName(), gc.getGcAction())) {
        return;
      }
      GcInfo info = gc.getGcInfo();
      long endEpochNanos = (jvmStartEpochMillis + info.getEndTime()) * 1_000_000L;
      GcPause pause =
          new GcPause(gc.getGcName(), gc.getGcAction(), endEpochNanos, info.getDuration() / 1000.0);
      if (!queue.offer(pause)) {
        dropped.incrementAndGet();
      }
    } catch (RuntimeException e) {
      // a malformed notification must not disturb the JDK's notification thread
      dropped.incrementAndGet();
    }
  }

  /** The oldest buffered pause, or null. Sampler thread only. */
  GcPause poll() {
    return queue.poll();
  }

  /** Collections notified so far (pauses or not). */
  long notified() {
    return notified.get();
  }

  /** Notifications lost to a full queue (or unreadable) since start. */
  long dropped() {
    return dropped.get();
  }
}
