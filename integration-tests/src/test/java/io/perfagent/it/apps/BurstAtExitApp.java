package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;

/**
 * Finishes {@code args[0]} span stages under one root and exits at once, so every span is
 * exported by the agent's exit flush (the batch is well over HTTP/2's 64 KiB initial window).
 */
public final class BurstAtExitApp {

  private BurstAtExitApp() {}

  public static void main(String[] args) {
    burst(Integer.parseInt(args[0]));
    System.out.println("DONE");
  }

  @Monitored(value = "burst", pipeline = "burst", mode = Mode.SPAN)
  static void burst(int n) {
    for (int i = 0; i < n; i++) {
      one();
    }
  }

  @Monitored(value = "burst.one", mode = Mode.SPAN)
  static void one() {}
}
