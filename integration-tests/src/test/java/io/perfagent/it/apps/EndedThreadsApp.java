package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;

/**
 * {@value #THREADS} threads, in no stage, each call a per-record stage {@value #CALLS} times
 * and end: fewer calls than a thread hands on by itself (4096, or a second), so what they
 * folded is still with them when they end.
 */
public final class EndedThreadsApp {

  public static final int THREADS = 8;
  public static final int CALLS = 100;
  static volatile long sink;

  private EndedThreadsApp() {}

  public static void main(String[] args) throws Exception {
    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        long s = 0;
        for (int i = 0; i < CALLS; i++) {
          s += handle(i);
        }
        sink = s;
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.println("DONE");
  }

  @Monitored(value = "handle", mode = Mode.AGGREGATE)
  static long handle(long x) {
    return x * 31 + 7;
  }
}
