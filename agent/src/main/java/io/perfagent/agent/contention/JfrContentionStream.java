package io.perfagent.agent.contention;

import io.perfagent.agent.log.AgentLog;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * A JFR {@link RecordingStream} of {@code jdk.JavaMonitorEnter}, {@code jdk.JavaMonitorWait}
 * and {@code jdk.ThreadPark}, each above a threshold and without stack traces (a stack walk
 * would run on the blocked application thread), feeding {@link ContentionEvents}.
 *
 * <p>The stream runs on the calling thread ({@link #run}), an agent daemon thread: JDK 17's
 * {@code startAsync} thread is not a daemon and would keep the JVM from exiting. At exit, JFR's
 * own shutdown hook stops the recording and the stream delivers the rest before it closes;
 * from JDK 20 {@code RecordingStream.stop()} does the same at once and is called too.
 */
final class JfrContentionStream implements ContentionStream {

  /** JFR keeps this much of the stream on disk at most; events are read within a second. */
  private static final long MAX_DISK_BYTES = 32L << 20;

  private final RecordingStream stream;
  private final ContentionEvents sink;
  private final StageThreads stageThreads = new StageThreads();
  private final CountDownLatch done = new CountDownLatch(1);

  private JfrContentionStream(RecordingStream stream, ContentionEvents sink) {
    this.stream = stream;
    this.sink = sink;
  }

  /** Sets the stream up; throws when JFR is not there or refuses. */
  static JfrContentionStream open(Duration threshold, ContentionEvents sink) {
    if (!FlightRecorder.isAvailable()) {
      throw new IllegalStateException("JFR is not available in this JVM");
    }
    RecordingStream rs = new RecordingStream();
    JfrContentionStream s = new JfrContentionStream(rs, sink);
    rs.enable("jdk.JavaMonitorEnter").withThreshold(threshold).withoutStackTrace();
    rs.enable("jdk.JavaMonitorWait").withThreshold(threshold).withoutStackTrace();
    rs.enable("jdk.ThreadPark").withThreshold(threshold).withoutStackTrace();
    rs.setReuse(true);
    rs.setOrdered(false); // attribution sorts; ordering would hold events back
    rs.setMaxSize(MAX_DISK_BYTES);
    rs.onEvent("jdk.JavaMonitorEnter", e -> s.guarded(e, 0));
    rs.onEvent("jdk.JavaMonitorWait", e -> s.guarded(e, 1));
    rs.onEvent("jdk.ThreadPark", e -> s.guarded(e, 2));
    rs.onClose(s.done::countDown);
    return s;
  }

  /** Runs the stream until it is closed; blocks. */
  void run() {
    try {
      stream.start();
    } finally {
      done.countDown();
    }
  }

  /**
   * One event, whose failure (a field some JDK names otherwise) costs that event only: an
   * exception left to the stream would end it, or print its trace on the application's stderr.
   */
  private void guarded(RecordedEvent e, int type) {
    try {
      if (type == 0) {
        monitorEnter(e);
      } else if (type == 1) {
        monitorWait(e);
      } else {
        park(e);
      }
    } catch (Throwable t) {
      AgentLog.once("contention-event", "a JFR " + e.getEventType().getName() + " event could "
          + "not be read (" + AgentLog.describe(t) + "); such events are left out");
    }
  }

  private void monitorEnter(RecordedEvent e) {
    long thread = threadId(e.getThread());
    if (thread < 0 || !stageThreads.contains(thread)) {
      return;
    }
    RecordedThread owner = e.getThread("previousOwner");
    sink.add(thread, epochNanos(e.getStartTime()), e.getDuration().toNanos(), BlockerKind.LOCK,
        "monitor " + className(e.getClass("monitorClass")), threadId(owner),
        owner == null ? "" : owner.getJavaName());
  }

  private void monitorWait(RecordedEvent e) {
    long thread = threadId(e.getThread());
    if (thread < 0 || !stageThreads.contains(thread)) {
      return;
    }
    sink.add(thread, epochNanos(e.getStartTime()), e.getDuration().toNanos(), BlockerKind.WAIT,
        "Object.wait on " + className(e.getClass("monitorClass")), -1, "");
  }

  private void park(RecordedEvent e) {
    long thread = threadId(e.getThread());
    if (thread < 0 || !stageThreads.contains(thread)) {
      return;
    }
    RecordedClass blocker = e.getClass("parkedClass");
    String name = blocker == null ? "" : blocker.getName();
    sink.add(thread, epochNanos(e.getStartTime()), e.getDuration().toNanos(),
        BlockerKind.ofParked(name), name.isEmpty() ? "parked without a blocker"
            : "parked on " + name, -1, "");
  }

  private static long threadId(RecordedThread t) {
    return t == null ? -1 : t.getJavaThreadId();
  }

  private static String className(RecordedClass c) {
    return c == null ? "an unknown class" : c.getName();
  }

  private static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Override
  public boolean drain(long deadlineNanos) {
    Method stop = stopMethod();
    if (stop != null) {
      // stop() waits for the stream without a bound: on its own thread, so this wait has one
      Thread t = new Thread(() -> {
        try {
          stop.invoke(stream);
        } catch (Throwable ignored) {
          // already stopped by JFR's shutdown hook: then the stream closes by itself
        } finally {
          done.countDown();
        }
      }, "perf-agent-contention-stop");
      t.setDaemon(true);
      t.start();
    }
    try {
      long left = deadlineNanos - System.nanoTime();
      boolean all = left > 0 && done.await(left, TimeUnit.NANOSECONDS);
      if (!all) {
        AgentLog.debug("the lock and wait events did not all arrive before the report's bound");
      }
      return all;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code RecordingStream.stop()}, JDK 20 and later; null before. */
  private static Method stopMethod() {
    try {
      return RecordingStream.class.getMethod("stop");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
