package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;

/**
 * The smallest pipeline: root {@code small} (stage {@code small.main}) with one child
 * {@code small.step} sleeping 20 ms; prints {@code DONE}. For the configuration and
 * failure-mode tests, where the work does not matter.
 */
public final class SmallApp {

  private SmallApp() {}

  public static void main(String[] args) throws Exception {
    runPipeline();
    System.out.println("DONE");
  }

  @Monitored(value = "small.main", pipeline = "small", mode = Mode.SPAN)
  static void runPipeline() throws InterruptedException {
    step();
  }

  @Monitored(value = "small.step", mode = Mode.SPAN)
  static void step() throws InterruptedException {
    Thread.sleep(20);
  }
}
