package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Started without the agent: runs {@link EarlyStage#work()} (so its class is loaded, called
 * and maybe compiled before any attach), prints {@code READY <pid>}, waits for one stdin line
 * (the test attaches the agent meanwhile), then runs the pipeline root {@code attached}
 * (stage {@code attach.main}) with children {@code attach.early} (the early class, woven late
 * by retransformation) and {@code attach.late} (a class first loaded now), and prints
 * {@code DONE}.
 */
public final class AttachApp {

  private AttachApp() {}

  public static void main(String[] args) throws Exception {
    for (int i = 0; i < 10_000; i++) {
      EarlyStage.work();
    }
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    String line = in.readLine();
    System.out.println("GO " + line);
    runPipeline();
    System.out.println("DONE");
  }

  @Monitored(value = "attach.main", pipeline = "attached", mode = Mode.SPAN)
  static void runPipeline() throws InterruptedException {
    EarlyStage.work();
    LateStage.work();
  }

  /** Loaded and called before the attach. */
  static final class EarlyStage {
    static volatile long sink;

    @Monitored(value = "attach.early", mode = Mode.SPAN)
    static void work() {
      sink = sink + 1;
    }
  }

  /** Loaded only after the attach. */
  static final class LateStage {
    @Monitored(value = "attach.late", mode = Mode.SPAN)
    static void work() throws InterruptedException {
      Thread.sleep(5);
    }
  }
}
