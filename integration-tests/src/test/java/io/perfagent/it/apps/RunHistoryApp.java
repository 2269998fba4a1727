package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;

/**
 * A JVM that runs pipeline {@code orders} once per value of a list, as a scheduled batch does:
 * each run (root {@code orders.batch}) calls stage {@code score} once, which sleeps that run's
 * milliseconds, so a history with a known slowdown and a known noisy run can be built. Args:
 * the sleeps, comma-separated (e.g. {@code 20,20,80,20,40,40}); the pause between runs in
 * milliseconds (so each run closes at the analyzer before the next one ends); the wait before
 * the first run in milliseconds (the exporter starts on a thread of its own). Prints
 * {@code DONE}.
 */
public final class RunHistoryApp {

  private RunHistoryApp() {}

  public static void main(String[] args) throws Exception {
    String[] sleeps = args[0].split(",");
    long pauseMillis = Long.parseLong(args[1]);
    Thread.sleep(Long.parseLong(args[2]));
    for (String s : sleeps) {
      batch(Long.parseLong(s.trim()));
      Thread.sleep(pauseMillis);
    }
    System.out.println("DONE");
  }

  @Monitored(value = "orders.batch", pipeline = "orders", mode = Mode.SPAN)
  static void batch(long scoreMillis) throws InterruptedException {
    score(scoreMillis);
  }

  @Monitored(value = "score", mode = Mode.SPAN)
  static void score(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
