package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipeline {@code resources}: stage {@code resources.busy} spins every core for 1.5 s, stage
 * {@code resources.sleepy} sleeps 1.5 s, then a {@code System.gc()} so a GC pause is seen (waited
 * for until its notification is delivered).
 * Prints {@code DONE}.
 */
public final class ResourceApp {

  static final long MILLIS = 1500;
  static volatile long sink;

  private ResourceApp() {}

  public static void main(String[] args) throws Exception {
    // let the agent's own start-up work (its OpenTelemetry SDK, first exports) settle, so
    // that the sleeping stage shows what sleeping costs, not what the agent's start-up does
    Thread.sleep(1500);
    run();
    System.out.println("DONE");
  }

  @Monitored(value = "resources.run", pipeline = "resources", mode = Mode.SPAN)
  static void run() throws Exception {
    busy();
    sleepy();
    collectAndSeeIt();
  }

  /**
   * A {@code System.gc()}, returning once the JVM has delivered its notification (to the
   * agent's listener as to this one): a notification still queued when the JVM exits is one
   * the agent never received, and then no pause could be reported (one run in three here).
   */
  private static void collectAndSeeIt() throws InterruptedException {
    java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
    javax.management.NotificationListener listener = (n, handback) -> seen.countDown();
    List<javax.management.NotificationEmitter> emitters = new ArrayList<>();
    for (java.lang.management.GarbageCollectorMXBean gc
        : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof javax.management.NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
        emitters.add(e);
      }
    }
    System.gc();
    seen.await(5, java.util.concurrent.TimeUnit.SECONDS);
    for (javax.management.NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // never added
      }
    }
  }

  @Monitored(value = "resources.busy", mode = Mode.SPAN)
  static void busy() throws InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    long until = System.nanoTime() + MILLIS * 1_000_000;
    List<Thread> spinners = new ArrayList<>();
    for (int i = 1; i < cores; i++) {
      Thread t = new Thread(() -> spin(until), "spinner-" + i);
      t.start();
      spinners.add(t);
    }
    spin(until);
    for (Thread t : spinners) {
      t.join();
    }
  }

  @Monitored(value = "resources.sleepy", mode = Mode.SPAN)
  static void sleepy() throws InterruptedException {
    Thread.sleep(MILLIS);
  }

  private static void spin(long until) {
    long x = 0;
    while (System.nanoTime() < until) {
      x += x * 31 + 7;
    }
    sink += x;
  }
}
