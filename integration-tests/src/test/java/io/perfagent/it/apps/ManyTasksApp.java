package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@value #RUNS} runs of pipeline {@code batch} (root stage {@code batch}), each handing
 * {@value #TASKS} tasks to a pool of {@value #THREADS} threads and waiting for them; each task
 * calls the SPAN-mode stage {@code task} once, which does all the work. Every child ends
 * before its root, so a report bound that keeps the first spans fills with children.
 */
public final class ManyTasksApp {

  public static final int RUNS = 3;
  public static final int TASKS = 20_000;
  public static final int THREADS = 4;
  static volatile long sink;

  private ManyTasksApp() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int run = 0; run < RUNS; run++) {
        batch(pool);
      }
    } finally {
      pool.shutdown();
    }
    System.out.println("DONE");
  }

  @Monitored(value = "batch", pipeline = "batch", mode = Mode.SPAN)
  static void batch(ExecutorService pool) throws Exception {
    List<Future<?>> done = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      int seed = i;
      done.add(pool.submit(() -> task(seed)));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  @Monitored(value = "task", mode = Mode.SPAN)
  static void task(int seed) {
    long h = seed;
    for (int i = 0; i < 20_000; i++) {
      h = h * 31 + i;
    }
    sink = h;
  }
}
