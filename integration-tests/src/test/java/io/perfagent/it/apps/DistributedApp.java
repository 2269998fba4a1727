package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import io.perfagent.Perf;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A pipeline over two processes, the work handed on with its W3C traceparent.
 *
 * <p>{@code coordinator}: pipeline {@code dist}, root {@code dist.run} calls {@code dist.send},
 * which prints {@code TRACEPARENT <header>} and waits for one stdin line (the test runs the
 * worker meanwhile, as a request to another service would), then {@code dist.merge} (20 ms).
 *
 * <p>{@code worker [header]}: prints {@code READY}, reads the header from stdin when not given
 * (a service already running when the request comes), opens {@code dist.work} as the child of
 * that header's stage and runs {@code dist.step} three times (400 ms asleep each), then prints
 * {@code DONE}. With a header that is not one, {@code dist.work} runs as a root of its own.
 */
public final class DistributedApp {

  private DistributedApp() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("coordinator")) {
      run();
    } else {
      System.out.println("READY");
      System.out.flush();
      String header = args.length > 1 ? args[1] : new BufferedReader(
          new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      try (Perf.Stage s = Perf.stage("dist.work", header)) {
        for (int i = 0; i < 3; i++) {
          step();
        }
      }
    }
    System.out.println("DONE");
  }

  @Monitored(value = "dist.run", pipeline = "dist", mode = Mode.SPAN)
  static void run() throws Exception {
    send();
    merge();
  }

  @Monitored(value = "dist.send", mode = Mode.SPAN)
  static void send() throws Exception {
    System.out.println("TRACEPARENT " + Perf.traceparent());
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }

  @Monitored(value = "dist.merge", mode = Mode.SPAN)
  static void merge() throws InterruptedException {
    Thread.sleep(20);
  }

  @Monitored(value = "dist.step", mode = Mode.SPAN)
  static void step() throws InterruptedException {
    Thread.sleep(400);
  }
}
