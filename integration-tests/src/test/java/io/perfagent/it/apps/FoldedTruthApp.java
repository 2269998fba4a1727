package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.util.List;

/**
 * Per-record shapes whose truth is known, one per argument, each a pipeline of its own:
 *
 * <ul>
 *   <li>{@code turn}: {@code for (r : records) { parse(r); enrich(r); }} under one parent,
 *       1,000,000 records; enrich does three times parse's work (~100 ns against ~300, well
 *       above the timer's resolution). Both are folded, and both must be timed.
 *   <li>{@code nested}: {@code outer(x)} calls {@code inner} twice and does little itself,
 *       500,000 times under one parent. outer's self time excludes inner's.
 *   <li>{@code subtree}: {@code transform} does nothing but call the folded per-record
 *       {@code rate} 1,000,000 times: transform is on the critical path through its child.
 *       Runs alternate with those of pipeline {@code subtree-halved}, the same with half of
 *       transform's work, so that the what-if can be checked against a real re-run measured
 *       in the same JVM at the same time (a busy machine slows both alike).
 *   <li>{@code calibrated}: a folded stage {@code fixed} whose body costs a known amount, the
 *       same body timed without the agent's hooks in the same JVM beforehand (printed as
 *       {@code TRUTH fixed <ns>}); its folded p50 must land near it.
 * </ul>
 *
 * <p>Every shape prints {@code DONE} at the end.
 */
public final class FoldedTruthApp {

  static volatile long sink;

  private FoldedTruthApp() {}

  public static void main(String[] args) {
    String shape = args.length > 0 ? args[0] : "turn";
    long t0 = System.nanoTime();
    switch (shape) {
      case "turn" -> turnPipeline();
      case "nested" -> nestedPipeline();
      case "subtree" -> {
        // the re-run comparison is of the pipeline, not of the agent's first second (its
        // samplers load, the JIT compiles its hooks): let that pass, and warm the body up
        long warm = 0;
        for (int r = 0; r < RATE_CALLS; r++) {
          warm += work(r, 200);
        }
        sink = warm;
        sleep(1500); // as in calibrated()
        for (int i = 0; i < SUBTREE_RUNS; i++) {
          subtreePipeline();
          subtreeHalvedPipeline();
        }
      }
      case "calibrated" -> calibrated();
      case "pool" -> {
        java.util.concurrent.ExecutorService pool =
            java.util.concurrent.Executors.newFixedThreadPool(POOL_THREADS);
        try {
          poolPipeline(pool);
        } finally {
          pool.shutdown();
        }
      }
      default -> throw new IllegalArgumentException(shape);
    }
    System.out.println("WALL " + shape + " " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    System.out.println("DONE");
  }

  /** Work of about {@code n} dependent multiply-adds; the JIT cannot fold it away. */
  static long work(long x, int n) {
    long h = x;
    for (int i = 0; i < n; i++) {
      h = h * 0x9E3779B97F4A7C15L + i;
    }
    return h;
  }

  // ---------------------------------------------------------------- turn

  public static final int TURN_RECORDS = 1_000_000;

  @Monitored(value = "turn", pipeline = "turn", mode = Mode.SPAN)
  static void turnPipeline() {
    long s = 0;
    for (int r = 0; r < TURN_RECORDS; r++) {
      s += parse(r);
      s += enrich(r);
    }
    sink = s;
  }

  @Monitored(value = "parse", mode = Mode.AGGREGATE)
  static long parse(long r) {
    return work(r, 100);
  }

  @Monitored(value = "enrich", mode = Mode.AGGREGATE)
  static long enrich(long r) {
    return work(r, 300);
  }

  // ---------------------------------------------------------------- nested

  public static final int NESTED_CALLS = 500_000;

  @Monitored(value = "nest", pipeline = "nested", mode = Mode.SPAN)
  static void nestedPipeline() {
    long s = 0;
    for (int r = 0; r < NESTED_CALLS; r++) {
      s += outer(r);
    }
    sink = s;
  }

  @Monitored(value = "outer", mode = Mode.AGGREGATE)
  static long outer(long x) {
    return inner(x) + inner(x + 1) + work(x, 5);
  }

  @Monitored(value = "inner", mode = Mode.AGGREGATE)
  static long inner(long x) {
    return work(x, 80);
  }

  // ---------------------------------------------------------------- subtree

  public static final int RATE_CALLS = 1_000_000;
  /** Runs of the subtree pipeline: the median of seven is steady while the JIT settles. */
  public static final int SUBTREE_RUNS = 7;

  @Monitored(value = "job", pipeline = "subtree", mode = Mode.SPAN)
  static void subtreePipeline() {
    load();
    transform(RATE_CALLS);
    save();
  }

  @Monitored(value = "job", pipeline = "subtree-halved", mode = Mode.SPAN)
  static void subtreeHalvedPipeline() {
    load();
    transform(RATE_CALLS / 2);
    save();
  }

  @Monitored(value = "load", mode = Mode.SPAN)
  static void load() {
    sleep(60);
  }

  @Monitored(value = "transform", mode = Mode.SPAN)
  static void transform(int n) {
    long s = 0;
    for (int r = 0; r < n; r++) {
      s += rate(r);
    }
    sink = s;
  }

  @Monitored(value = "rate", mode = Mode.AUTO)
  static long rate(long r) {
    return work(r, 200);
  }

  @Monitored(value = "save", mode = Mode.SPAN)
  static void save() {
    sleep(40);
  }

  // ---------------------------------------------------------------- pool

  public static final int POOL_THREADS = 2;
  public static final int POOL_TASKS = 4;
  public static final int POOL_ITEMS = 400_000;

  /**
   * A batch hands four tasks to a pool; each calls the folded per-record stage {@code item}
   * 400,000 times on a pool thread, and the batch waits for them in {@code join}. The work
   * that holds the run is item's, on the pool threads; join only waits.
   */
  @Monitored(value = "batch", pipeline = "pool", mode = Mode.SPAN)
  static void poolPipeline(java.util.concurrent.ExecutorService pool) {
    List<java.util.concurrent.Future<Long>> parts = new java.util.ArrayList<>();
    for (int t = 0; t < POOL_TASKS; t++) {
      long seed = t;
      parts.add(pool.submit(() -> {
        long s = 0;
        for (int r = 0; r < POOL_ITEMS; r++) {
          s += item(seed + r);
        }
        return s;
      }));
    }
    sink = join(parts);
  }

  @Monitored(value = "item", mode = Mode.AGGREGATE)
  static long item(long r) {
    return work(r, 60);
  }

  @Monitored(value = "join", mode = Mode.SPAN)
  static long join(List<java.util.concurrent.Future<Long>> parts) {
    long s = 0;
    try {
      for (java.util.concurrent.Future<Long> f : parts) {
        s += f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return s;
  }

  // ---------------------------------------------------------------- calibrated

  public static final int FIXED_CALLS = 2_000_000;

  /**
   * Times the body of {@code fixed} without hooks first (the truth), then runs it as a folded
   * stage, then times the body again. The truth is the fastest of 9 rounds of 200,000
   * chained calls each (see {@link #chained}), after warm-up: another process on the machine
   * only makes a round slower.
   */
  static void calibrated() {
    sleep(1500); // past the agent's first second: its samplers load, the JIT compiles its hooks
    long s = chained(chained(0)); // warm-up
    long[] rounds = new long[9];
    for (int k = 0; k < rounds.length; k++) {
      long t0 = System.nanoTime();
      s = chained(s);
      rounds[k] = (System.nanoTime() - t0) / 200_000;
    }
    java.util.Arrays.sort(rounds);
    System.out.println("TRUTH fixed " + rounds[0]);
    sink = s;
    fixedPipeline();
    // the same again after the folded run, so drift of the machine shows
    for (int k = 0; k < rounds.length; k++) {
      long t0 = System.nanoTime();
      s = chained(s);
      rounds[k] = (System.nanoTime() - t0) / 200_000;
    }
    java.util.Arrays.sort(rounds);
    System.out.println("TRUTH-AFTER fixed " + rounds[0]);
    sink = s;
  }

  /**
   * 200,000 bodies, each taking the last one's result: the time of one call from start to
   * end, what a timed call measures (independent calls would overlap in the processor).
   */
  static long chained(long s) {
    for (int i = 0; i < 200_000; i++) {
      s = fixedBody(s);
    }
    return s;
  }

  @Monitored(value = "fixedRun", pipeline = "calibrated", mode = Mode.SPAN)
  static void fixedPipeline() {
    long s = 0;
    for (int i = 0; i < FIXED_CALLS; i++) {
      s += fixed(i);
    }
    sink = s;
  }

  @Monitored(value = "fixed", mode = Mode.AGGREGATE)
  static long fixed(long x) {
    return fixedBody(x);
  }

  static long fixedBody(long x) {
    return work(x, 100);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
