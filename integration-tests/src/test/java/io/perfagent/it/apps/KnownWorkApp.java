package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import io.perfagent.Perf;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Work of known size, one stage per behaviour, all inside the pipeline root {@code known}
 * (stage {@code main}). Stage names are the test's handles:
 *
 * <ul>
 *   <li>{@code alloc64}: allocates exactly 64 MiB; {@code sleep200}: sleeps 200 ms;
 *       {@code spin300}: burns ~300 ms of CPU on its thread
 *   <li>{@code outer} → {@code inner}: two levels on one thread
 *   <li>{@code fanout.<kind>} → {@code task.<kind>}: a child stage run on another thread, for
 *       kind pool, scheduled, fjp, parallel (64 tasks), cf, cf.executor, thread
 *   <li>{@code fail}: throws {@code IllegalStateException("boom")}, caught by main
 *   <li>{@code counted}: credits 1234 records and 5678 bytes
 *   <li>{@code block}: a {@code Perf.stage("block")} block
 *   <li>{@code hot.parent}: calls {@code perRecord.auto} (AUTO) and {@code perRecord.agg}
 *       (AGGREGATE) 2,000,000 times each
 * </ul>
 *
 * <p>stdout: {@code MAIN_THREAD id name}, {@code MEASURED spin300 cpu_ns=.. wall_ns=..},
 * {@code CAUGHT boom}, {@code CAUGHT_TOP_FRAME ...}, {@code COUNT <stage>=<n>}, {@code DONE}.
 */
public final class KnownWorkApp {

  /** Calls of each per-record stage. */
  public static final int PER_RECORD_CALLS = 2_000_000;
  /** Bytes alloc64 allocates. */
  public static final long ALLOC_BYTES = 64L << 20;
  /** Tasks of the parallel stream fan-out. */
  public static final int PARALLEL_TASKS = 64;

  // Allocations land here so escape analysis cannot remove them.
  static volatile Object sink;
  static volatile long spinSink;
  static long autoCalls;
  static long aggCalls;

  private KnownWorkApp() {}

  public static void main(String[] args) throws Exception {
    Thread t = Thread.currentThread();
    System.out.println("MAIN_THREAD " + t.getId() + " " + t.getName());
    runPipeline();
    System.out.println("COUNT perRecord.auto=" + autoCalls);
    System.out.println("COUNT perRecord.agg=" + aggCalls);
    System.out.println("DONE");
  }

  @Monitored(value = "main", pipeline = "known")
  static void runPipeline() throws Exception {
    alloc64();
    sleep200();
    spin300();
    outer();
    fanoutPool();
    fanoutScheduled();
    fanoutFjp();
    fanoutParallel();
    fanoutCf();
    fanoutCfExecutor();
    fanoutThread();
    fanoutSubclass();
    try {
      fail();
    } catch (IllegalStateException e) {
      System.out.println("CAUGHT " + e.getMessage());
      StackTraceElement top = e.getStackTrace()[0];
      System.out.println("CAUGHT_TOP_FRAME " + top.getClassName() + "." + top.getMethodName());
    }
    counted();
    try (Perf.Stage s = Perf.stage("block")) {
      Thread.sleep(20);
    }
    hotParent();
  }

  @Monitored(value = "alloc64", mode = Mode.SPAN)
  static void alloc64() {
    byte[][] chunks = new byte[64][];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = new byte[1 << 20];
      chunks[i][i] = (byte) i;
    }
    sink = chunks;
    sink = null;
  }

  @Monitored(value = "sleep200", mode = Mode.SPAN)
  static void sleep200() throws InterruptedException {
    Thread.sleep(200);
  }

  @Monitored(value = "spin300", mode = Mode.SPAN)
  static void spin300() {
    var threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long x = 0;
    while (System.nanoTime() - start < 300_000_000L) {
      for (int i = 0; i < 1000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
      spinSink = x;
    }
    long wall = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    System.out.println("MEASURED spin300 cpu_ns=" + cpu + " wall_ns=" + wall);
  }

  @Monitored(value = "outer", mode = Mode.SPAN)
  static void outer() {
    inner();
  }

  @Monitored(value = "inner", mode = Mode.SPAN)
  static void inner() {
    spinSink = spinSink + 1;
  }

  @Monitored(value = "fanout.pool", mode = Mode.SPAN)
  static void fanoutPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      pool.submit(KnownWorkApp::taskPool).get();
    } finally {
      pool.shutdown();
    }
  }

  @Monitored(value = "task.pool", mode = Mode.SPAN)
  static void taskPool() {
    spinSink = spinSink + 1;
  }

  @Monitored(value = "fanout.scheduled", mode = Mode.SPAN)
  static void fanoutScheduled() throws Exception {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    try {
      scheduler.schedule(KnownWorkApp::taskScheduled, 10, TimeUnit.MILLISECONDS).get();
    } finally {
      scheduler.shutdown();
    }
  }

  @Monitored(value = "task.scheduled", mode = Mode.SPAN)
  static void taskScheduled() {
    spinSink = spinSink + 1;
  }

  @Monitored(value = "fanout.fjp", mode = Mode.SPAN)
  static void fanoutFjp() throws Exception {
    ForkJoinPool fjp = new ForkJoinPool(2);
    try {
      fjp.submit(KnownWorkApp::taskFjp).get();
    } finally {
      fjp.shutdown();
    }
  }

  @Monitored(value = "task.fjp", mode = Mode.SPAN)
  static void taskFjp() {
    spinSink = spinSink + 1;
  }

  @Monitored(value = "fanout.parallel", mode = Mode.SPAN)
  static void fanoutParallel() {
    IntStream.range(0, PARALLEL_TASKS).parallel().forEach(KnownWorkApp::taskParallel);
  }

  @Monitored(value = "task.parallel", mode = Mode.SPAN)
  static void taskParallel(int i) {
    try {
      // Long enough that the common pool's workers take part, not only the caller.
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    spinSink = spinSink + i;
  }

  @Monitored(value = "fanout.cf", mode = Mode.SPAN)
  static void fanoutCf() throws Exception {
    CompletableFuture.supplyAsync(KnownWorkApp::taskCf).get();
  }

  @Monitored(value = "task.cf", mode = Mode.SPAN)
  static int taskCf() {
    return (int) (spinSink = spinSink + 1);
  }

  @Monitored(value = "fanout.cf.executor", mode = Mode.SPAN)
  static void fanoutCfExecutor() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture.supplyAsync(KnownWorkApp::taskCfExecutor, pool).get();
    } finally {
      pool.shutdown();
    }
  }

  @Monitored(value = "task.cf.executor", mode = Mode.SPAN)
  static int taskCfExecutor() {
    return (int) (spinSink = spinSink + 1);
  }

  @Monitored(value = "fanout.thread", mode = Mode.SPAN)
  static void fanoutThread() throws InterruptedException {
    Thread t = new Thread(KnownWorkApp::taskThread, "known-task-thread");
    t.start();
    t.join();
  }

  @Monitored(value = "task.thread", mode = Mode.SPAN)
  static void taskThread() {
    spinSink = spinSink + 1;
  }

  @Monitored(value = "fanout.subclass", mode = Mode.SPAN)
  static void fanoutSubclass() throws InterruptedException {
    Thread t = new StageThread();
    t.start();
    t.join();
  }

  /** A Thread subclass whose run() is itself a stage: woven for both. */
  static final class StageThread extends Thread {
    StageThread() {
      super("known-stage-thread");
    }

    @Override
    @Monitored(value = "task.subclass", mode = Mode.SPAN)
    public void run() {
      spinSink = spinSink + 1;
    }
  }

  @Monitored(value = "fail", mode = Mode.SPAN)
  static void fail() {
    throw new IllegalStateException("boom");
  }

  @Monitored(value = "counted", mode = Mode.SPAN)
  static void counted() {
    Perf.records(1234);
    Perf.bytes(5678);
  }

  @Monitored(value = "hot.parent", mode = Mode.SPAN)
  static void hotParent() {
    for (int i = 0; i < PER_RECORD_CALLS; i++) {
      perRecordAuto(i);
    }
    for (int i = 0; i < PER_RECORD_CALLS; i++) {
      perRecordAgg(i);
    }
  }

  @Monitored(value = "perRecord.auto")
  static void perRecordAuto(int i) {
    autoCalls++;
    spinSink = i;
  }

  @Monitored(value = "perRecord.agg", mode = Mode.AGGREGATE)
  static void perRecordAgg(int i) {
    aggCalls++;
    spinSink = i;
  }
}
