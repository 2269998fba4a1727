package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;

/**
 * A JVM that runs pipeline {@code repeat} several times with pauses between, as a scheduled
 * batch does: each run (root {@code repeat.batch}) spins one thread on CPU in
 * {@code repeat.crunch}. Args: runs, busy milliseconds per run, pause milliseconds. Prints
 * {@code DONE}.
 */
public final class RepeatedRunsApp {

  private static volatile long sink;

  private RepeatedRunsApp() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    long busyMillis = Long.parseLong(args[1]);
    long pauseMillis = Long.parseLong(args[2]);
    for (int i = 0; i < runs; i++) {
      batch(busyMillis);
      Thread.sleep(pauseMillis);
    }
    System.out.println("DONE");
  }

  @Monitored(value = "repeat.batch", pipeline = "repeat", mode = Mode.SPAN)
  static void batch(long busyMillis) {
    crunch(busyMillis);
  }

  @Monitored(value = "repeat.crunch", mode = Mode.SPAN)
  static void crunch(long busyMillis) {
    long end = System.nanoTime() + busyMillis * 1_000_000L;
    long s = 0;
    while (System.nanoTime() < end) {
      s += (s * 31) ^ 7;
    }
    sink = s;
  }
}
