package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Pipeline {@code scraped}: root {@code scrape.run} calls the per-record stage
 * {@code scrape.step} 5,000 times (folded), then prints {@code READY} and waits for one stdin
 * line, so a test can scrape the agent's metrics of a finished run, and prints {@code DONE}.
 */
public final class ScrapedApp {

  static final int CALLS = 5_000;
  static long sink;

  private ScrapedApp() {}

  public static void main(String[] args) throws Exception {
    run();
    System.out.println("READY");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.out.println("DONE");
  }

  @Monitored(value = "scrape.run", pipeline = "scraped", mode = Mode.SPAN)
  static void run() {
    for (int i = 0; i < CALLS; i++) {
      step(i);
    }
  }

  @Monitored("scrape.step")
  static void step(int i) {
    sink += i * 31L;
  }
}
