package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lock contention of known shape (issue 15): pipeline {@code locks}, root {@code batch}, runs
 * four pool threads that each call {@code post} {@value #CALLS} times; {@code post} holds one
 * shared lock for {@value #HOLD_MS} ms per call, so while one thread holds it the other three
 * wait: about 3/4 of {@code post}'s wall time is blocked. The first argument picks the lock:
 *
 * <ul>
 *   <li>{@code monitor}: {@code synchronized} on a {@link Ledger};
 *   <li>{@code reentrant}: a {@link ReentrantLock};
 *   <li>{@code queue}: no lock; {@code consume} (four threads) takes from a
 *       {@code BlockingQueue} that {@code batch} fills every 2 ms, and {@code gather} waits on a
 *       {@code CompletableFuture} for 150 ms: waits, not locks.
 * </ul>
 *
 * <p>The second argument repeats the pipeline (runs, default 1): JFR, which measures the
 * blocked time, takes up to a second to start beside the application.
 */
public final class ContentionApp {

  public static final int THREADS = 4;
  public static final int CALLS = 50;
  public static final int HOLD_MS = 2;

  /** The monitor's class, which the report must name. */
  public static final class Ledger {
    long entries;
  }

  static final Ledger LEDGER = new Ledger();
  static final ReentrantLock LOCK = new ReentrantLock();

  private ContentionApp() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "monitor";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int i = 0; i < runs; i++) {
        batch(pool, mode);
      }
    } finally {
      pool.shutdown();
    }
    System.out.println("DONE " + mode + " " + LEDGER.entries);
  }

  @Monitored(value = "batch", pipeline = "locks", mode = Mode.SPAN)
  static void batch(ExecutorService pool, String mode) throws Exception {
    BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        for (int i = 0; i < CALLS; i++) {
          switch (mode) {
            case "monitor" -> post();
            case "reentrant" -> postLocked();
            default -> consume(queue);
          }
        }
        return null;
      }));
    }
    if (mode.equals("queue")) {
      for (int i = 0; i < THREADS * CALLS; i++) {
        Thread.sleep(HOLD_MS);
        queue.add(i);
      }
      gather();
    }
    for (Future<?> f : workers) {
      f.get();
    }
  }

  @Monitored(value = "post", mode = Mode.SPAN)
  static void post() {
    synchronized (LEDGER) {
      hold();
    }
  }

  @Monitored(value = "post", mode = Mode.SPAN)
  static void postLocked() {
    LOCK.lock();
    try {
      hold();
    } finally {
      LOCK.unlock();
    }
  }

  @Monitored(value = "consume", mode = Mode.SPAN)
  static void consume(BlockingQueue<Integer> queue) throws InterruptedException {
    LEDGER.entries += queue.take() >= 0 ? 0 : 1;
  }

  @Monitored(value = "gather", mode = Mode.SPAN)
  static void gather() throws Exception {
    CompletableFuture.supplyAsync(() -> {
      sleep(150);
      return 1;
    }).get();
  }

  private static void hold() {
    sleep(HOLD_MS);
    LEDGER.entries++;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
