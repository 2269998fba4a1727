package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A pipeline whose answer is known by construction, for the analysis: per run,
 * {@code load} waits 100 ms, three {@code part} tasks run in parallel for 300/120/120 ms (a
 * straggler holds the join), {@code transform} burns CPU for 450 ms on one thread, and
 * {@code save} waits 80 ms, while {@code audit} runs beside them for 150 ms, off the critical
 * path. So: transform (cpu) first, then part (skew), then load and save (wait).
 *
 * <p>{@code --halve STAGE} halves that stage's work, for checking what-if predictions against
 * a real re-run; {@code --runs N} repeats the pipeline (micro-batches, default 3).
 */
public final class KnownTruthApp {

  static volatile long sink;
  private static String halved = "";

  private KnownTruthApp() {}

  public static void main(String[] args) throws Exception {
    int runs = 3;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--halve")) {
        halved = args[++i];
      } else if (args[i].equals("--runs")) {
        runs = Integer.parseInt(args[++i]);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < runs; i++) {
        run(pool);
      }
    } finally {
      pool.shutdown();
    }
    System.out.println("DONE");
  }

  private static long ms(String stage, long millis) {
    return stage.equals(halved) ? millis / 2 : millis;
  }

  @Monitored(value = "run", pipeline = "truth", mode = Mode.SPAN)
  static void run(ExecutorService pool) throws Exception {
    Future<?> audit = pool.submit(KnownTruthApp::audit);
    load();
    List<Future<?>> parts = new ArrayList<>();
    for (long millis : new long[] {300, 120, 120}) {
      parts.add(pool.submit(() -> part(millis)));
    }
    for (Future<?> f : parts) {
      f.get();
    }
    transform();
    save();
    audit.get();
  }

  @Monitored(value = "load", mode = Mode.SPAN)
  static void load() throws InterruptedException {
    Thread.sleep(ms("load", 100));
  }

  @Monitored(value = "part", mode = Mode.SPAN)
  static void part(long millis) {
    try {
      Thread.sleep(ms("part", millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Monitored(value = "transform", mode = Mode.SPAN)
  static void transform() {
    long end = System.nanoTime() + ms("transform", 450) * 1_000_000L;
    long x = 1;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 1000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    sink = x;
  }

  @Monitored(value = "save", mode = Mode.SPAN)
  static void save() throws InterruptedException {
    Thread.sleep(ms("save", 80));
  }

  @Monitored(value = "audit", mode = Mode.SPAN)
  static void audit() {
    try {
      Thread.sleep(ms("audit", 150));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
