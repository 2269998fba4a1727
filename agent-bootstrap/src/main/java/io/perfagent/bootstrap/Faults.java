package io.perfagent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failures inside the agent's own hot-path code: counted, and the first one kept for the agent
 * to report once. Never rethrown into the application.
 */
public final class Faults {

  private static final AtomicLong COUNT = new AtomicLong();
  private static final AtomicReference<Throwable> FIRST = new AtomicReference<>();

  private Faults() {}

  /** Counts a failure the woven code swallowed (also the OpenTelemetry extension's helper). */
  public static void record(Throwable t) {
    if (COUNT.getAndIncrement() == 0) {
      FIRST.compareAndSet(null, t);
    }
  }

  private static final AtomicLong BAD_TRACEPARENTS = new AtomicLong();
  private static final AtomicReference<String> FIRST_BAD_TRACEPARENT = new AtomicReference<>();

  /** A {@code Perf.stage(name, traceparent)} whose header was not one: opened as a root. */
  static void badTraceparent(String header) {
    if (BAD_TRACEPARENTS.getAndIncrement() == 0) {
      FIRST_BAD_TRACEPARENT.compareAndSet(null, header);
    }
  }

  public static long badTraceparents() {
    return BAD_TRACEPARENTS.get();
  }

  public static String firstBadTraceparent() {
    return FIRST_BAD_TRACEPARENT.get();
  }

  public static long count() {
    return COUNT.get();
  }

  public static Throwable first() {
    return FIRST.get();
  }
}
