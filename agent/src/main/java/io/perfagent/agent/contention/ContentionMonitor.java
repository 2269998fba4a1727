package io.perfagent.agent.contention;

import io.perfagent.agent.collect.ThreadWatch;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.analysis.model.Contention;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Measures lock and wait time for the exit report: starts the JFR stream on its own agent
 * thread (JFR takes hundreds of milliseconds to start; never on the application's start-up
 * path), and at exit drains it and attributes its events to stage calls.
 *
 * <p>Fails soft: where JFR cannot run, one line says so, and the report has no lock figures.
 */
public final class ContentionMonitor {

  /** Longest the report waits at exit for events JFR has not delivered yet. */
  static final long DRAIN_BOUND_NANOS = 2_000_000_000L;

  private final Duration threshold;
  private final ContentionEvents events;
  private volatile ContentionStream stream;
  private volatile boolean failed;
  private volatile long sinceEpochNanos = Long.MAX_VALUE;
  private final java.util.concurrent.atomic.AtomicBoolean started =
      new java.util.concurrent.atomic.AtomicBoolean();

  public ContentionMonitor(Duration threshold, int maxEvents) {
    this.threshold = threshold;
    this.events = new ContentionEvents(maxEvents);
  }

  /** Starts JFR now ({@code contention=on}). Once only. */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(this::run, "perf-agent-contention");
    t.setDaemon(true);
    t.start();
  }

  /**
   * For {@code contention=auto}: what the CPU sampler shows the threads inside stages to; it
   * starts JFR once they are seen blocked on a lock (see {@link LockWatch}).
   */
  public ThreadWatch lockWatch() {
    return new LockWatch(() -> {
      AgentLog.debug("threads inside stages were seen blocked on a lock: starting JFR");
      start();
    });
  }

  private void run() {
    long t0 = System.nanoTime();
    JfrContentionStream s;
    try {
      s = JfrContentionStream.open(threshold, events);
    } catch (Throwable t) {
      failed = true;
      if (shuttingDown()) {
        AgentLog.debug("the run ended before JFR had started: no lock and wait figures");
      } else {
        AgentLog.info("lock and wait times are not measured: JFR could not start ("
            + AgentLog.describe(t) + "); contention=off skips trying");
      }
      return;
    }
    stream = s;
    AgentLog.debug("JFR lock and wait events streaming, set up in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
    java.time.Instant now = java.time.Instant.now();
    sinceEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    try {
      s.run();
    } catch (Throwable t) {
      failed = true;
      AgentLog.failure("contention", "the JFR stream of lock and wait events stopped", t);
    }
  }

  /** A JVM already exiting refuses JFR; that is a short run, not a fault worth a line. */
  private static boolean shuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /**
   * At exit: waits (bounded) for the events still in flight, then gives each stage call its
   * lock and wait time. Empty when nothing was measured.
   */
  public Map<Long, Contention> attribute(List<SpanInterval> spans, long deadlineNanos) {
    ContentionStream s = stream;
    if (s == null) {
      AgentLog.debug(started.get() ? "no lock and wait figures: JFR had not started or could not"
          : "no lock and wait figures: no thread inside a stage was seen blocked on a lock");
      return Map.of();
    }
    s.drain(Math.min(deadlineNanos, System.nanoTime() + DRAIN_BOUND_NANOS));
    return ContentionAttributor.attribute(events.snapshot(), spans);
  }

  /**
   * Whether a call that started at this epoch time was measured: the stream ran from before
   * it. Such a call without events was blocked 0 ns; any other call, for an unknown time.
   */
  public boolean measured(long startEpochNanos) {
    return !failed && startEpochNanos >= sinceEpochNanos;
  }

  public long eventsKept() {
    return events.size();
  }

  public long eventsDropped() {
    return events.dropped();
  }
}
