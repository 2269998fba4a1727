package io.perfagent.it.apps;

import io.perfagent.Monitored;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A stage that schedules a timeout per request and cancels it when the request is done
 * ({@value #REQUESTS} times, more than the agent's 65,536 pending task contexts), then hands
 * real work to a pool. The first argument, {@code remove} or {@code keep}, sets the
 * scheduler's remove-on-cancel policy: removed tasks leave the queue at once, kept ones wait
 * there for their (long) delay. Either way the work must keep its parent. With
 * {@code shutdownNow}, the never-run tasks are those an executor's {@code shutdownNow} hands
 * back: {@value #ROUNDS} executors, each with {@value #QUEUED} tasks queued behind a blocked
 * one, more than 65,536 in all.
 */
public final class CancelledTimeoutsApp {

  public static final int REQUESTS = 80_000;
  public static final int WORK = 8;
  public static final int ROUNDS = 3;
  static volatile long sink;
  public static final int QUEUED = 30_000;

  private CancelledTimeoutsApp() {}

  public static void main(String[] args) throws Exception {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    timer.setRemoveOnCancelPolicy(args.length > 0 && args[0].equals("remove"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      if (args.length > 0 && args[0].equals("shutdownNow")) {
        serveAndShutDown(pool);
      } else {
        serve(timer, pool);
      }
    } finally {
      timer.shutdownNow();
      pool.shutdown();
    }
    System.out.println("DONE");
  }

  @Monitored(value = "serve", pipeline = "requests")
  static void serve(ScheduledThreadPoolExecutor timer, ExecutorService pool) throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      ScheduledFuture<?> timeout = timer.schedule(() -> { }, 10, TimeUnit.MINUTES);
      timeout.cancel(false); // the request finished in time
    }
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < WORK; i++) {
      done.add(pool.submit(CancelledTimeoutsApp::work));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  @Monitored(value = "serve", pipeline = "requests")
  static void serveAndShutDown(ExecutorService pool) throws Exception {
    for (int r = 0; r < ROUNDS; r++) {
      ExecutorService single = Executors.newSingleThreadExecutor();
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      single.execute(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < QUEUED; i++) {
        int n = i; // a task of its own (a lambda capturing nothing is one object for all)
        single.execute(() -> sink += n);
      }
      List<Runnable> neverRun = single.shutdownNow(); // interrupts the blocked one
      if (neverRun.size() != QUEUED) {
        throw new IllegalStateException("never run: " + neverRun.size());
      }
    }
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < WORK; i++) {
      done.add(pool.submit(CancelledTimeoutsApp::work));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  @Monitored(value = "work")
  static void work() {
    long h = 0;
    for (int i = 0; i < 100_000; i++) {
      h = h * 31 + i;
    }
    if (h == 42) {
      System.out.println(h);
    }
  }
}
