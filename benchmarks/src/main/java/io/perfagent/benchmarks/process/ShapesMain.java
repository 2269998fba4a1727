package io.perfagent.benchmarks.process;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.perfagent.Monitored;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline shapes of issue 16, one per run, for {@code benchmarks/shapes.sh}:
 * {@code ShapesMain SHAPE [N] [ROUNDS]}. Each shape times its own workload with
 * {@code System.nanoTime} and prints one line per round on stdout,
 * {@code shapes: shape=S round=R calls=C threads=T wall_ns=W main_cpu_ns=M}, where
 * {@code calls} counts the per-record stage calls made (not the parents) and {@code M} is the
 * main thread's CPU time over the round (-1 when not supported): for the one-thread shapes, a
 * figure that a busy machine's scheduler does not inflate as it does the wall time. JVM start,
 * the agent's premain and its exit work are outside the figures; {@code shapes.sh} gets peak
 * RSS from {@code /usr/bin/time}.
 *
 * <ul>
 *   <li>{@code stream [calls=5000000]}: an AUTO per-record stage of about 2 ns in a consumer
 *       loop with no enclosing stage.
 *   <li>{@code plainloop [calls=5000000] [rounds=3]}: the same kind of stage in a plain loop
 *       inside one SPAN parent, a parent call per round.
 *   <li>{@code recordloop [records=256000]}: per record, three stages of about 100, 300 and
 *       600 ns, then a stage that calls another three times (7 calls per record, 1,792,000 at
 *       the default), inside one SPAN parent.
 *   <li>{@code vthreads [tasks=100000]}: from inside a root stage, one virtual thread per task
 *       ({@code Executors.newVirtualThreadPerTaskExecutor}, looked up reflectively so this
 *       class compiles for 17; the shape needs JDK 21+), each task calling one stage once.
 *   <li>{@code threads [threads=3000]}: from inside a root stage, that many platform threads,
 *       each calling a per-record stage 1,000 times.
 * </ul>
 *
 * <p>Every stage is also {@code @WithSpan}, so the upstream agent weaves the same methods. The
 * stage bodies are dependent multiply-adds on a field or a local: no reflection, no allocation,
 * nothing the JIT can drop (a checksum is printed at the end).
 */
public final class ShapesMain {

  /** Calls of the per-record stage per thread in the {@code threads} shape. */
  static final int CALLS_PER_THREAD = 1000;

  /** The per-record state of the 2 ns stages (a field, as a real stage's would be). */
  private static long x = 17;

  private ShapesMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: ShapesMain stream|plainloop|recordloop|vthreads|threads [N] [ROUNDS]");
      System.exit(2);
    }
    String shape = args[0];
    long n = args.length > 1 ? Long.parseLong(args[1]) : -1;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : shape.equals("plainloop") ? 3 : 1;
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
    long sum = 0;
    for (int r = 1; r <= rounds; r++) {
      long calls;
      long threads = 1;
      long c0 = cpuTime ? mx.getCurrentThreadCpuTime() : -1;
      long t0 = System.nanoTime();
      switch (shape) {
        case "stream":
          calls = n > 0 ? n : 5_000_000;
          sum += streamLoop(calls);
          break;
        case "plainloop":
          calls = n > 0 ? n : 5_000_000;
          sum += plainParent(calls);
          break;
        case "recordloop": {
          long records = n > 0 ? n : 256_000;
          calls = records * 7;
          sum += recordParent(records);
          break;
        }
        case "vthreads":
          threads = n > 0 ? n : 100_000;
          calls = threads;
          sum += vthreadsRoot((int) threads);
          break;
        case "threads":
          threads = n > 0 ? n : 3_000;
          calls = threads * CALLS_PER_THREAD;
          sum += threadsRoot((int) threads);
          break;
        default:
          System.err.println("unknown shape: " + shape);
          System.exit(2);
          return;
      }
      long wall = System.nanoTime() - t0;
      long cpu = cpuTime ? mx.getCurrentThreadCpuTime() - c0 : -1;
      System.out.println("shapes: shape=" + shape + " round=" + r + " calls=" + calls
          + " threads=" + threads + " wall_ns=" + wall + " main_cpu_ns=" + cpu);
    }
    System.out.println("checksum " + (sum ^ x));
  }

  // ---- stream: no enclosing stage ----

  /** A consumer loop: no stage around it, so every call is a root-level call. */
  static long streamLoop(long calls) {
    long s = 0;
    for (long i = 0; i < calls; i++) {
      s += streamRecord();
    }
    return s;
  }

  @Monitored(value = "shapes.stream.record")
  @WithSpan("shapes.stream.record")
  static long streamRecord() {
    x = x * 31 + 1;
    return x;
  }

  // ---- plainloop: a plain loop inside one parent ----

  @Monitored(value = "shapes.plainloop.parent", mode = Monitored.Mode.SPAN)
  @WithSpan("shapes.plainloop.parent")
  static long plainParent(long calls) {
    long s = 0;
    for (long i = 0; i < calls; i++) {
      s += plainRecord();
    }
    return s;
  }

  @Monitored(value = "shapes.plainloop.record")
  @WithSpan("shapes.plainloop.record")
  static long plainRecord() {
    x = x * 31 + 1;
    return x;
  }

  // ---- recordloop: three stages in turn, then one calling another three times ----

  @Monitored(value = "shapes.recordloop.parent", mode = Monitored.Mode.SPAN)
  @WithSpan("shapes.recordloop.parent")
  static long recordParent(long records) {
    long s = 0;
    for (long i = 0; i < records; i++) {
      long v = parse(i);
      v = enrich(v);
      v = score(v);
      s += emit(v);
    }
    return s;
  }

  /** About 100 ns. */
  @Monitored(value = "shapes.recordloop.parse")
  @WithSpan("shapes.recordloop.parse")
  static long parse(long v) {
    return work(v, 64);
  }

  /** About 300 ns. */
  @Monitored(value = "shapes.recordloop.enrich")
  @WithSpan("shapes.recordloop.enrich")
  static long enrich(long v) {
    return work(v, 192);
  }

  /** About 600 ns. */
  @Monitored(value = "shapes.recordloop.score")
  @WithSpan("shapes.recordloop.score")
  static long score(long v) {
    return work(v, 384);
  }

  /** Calls {@link #write} three times (about 3 x 50 ns) and adds a little of its own. */
  @Monitored(value = "shapes.recordloop.emit")
  @WithSpan("shapes.recordloop.emit")
  static long emit(long v) {
    long s = work(v, 8);
    for (int k = 0; k < 3; k++) {
      s += write(s + k);
    }
    return s;
  }

  /** About 50 ns. */
  @Monitored(value = "shapes.recordloop.write")
  @WithSpan("shapes.recordloop.write")
  static long write(long v) {
    return work(v, 32);
  }

  /** {@code steps} dependent multiply-adds: about 1.5 ns each. */
  static long work(long v, int steps) {
    for (int n = 0; n < steps; n++) {
      v = v * 0x9E3779B97F4A7C15L + n;
    }
    return v;
  }

  // ---- vthreads: one virtual thread per task ----

  @Monitored(value = "shapes.vthreads.root", pipeline = "vthreads", mode = Monitored.Mode.SPAN)
  @WithSpan("shapes.vthreads.root")
  static long vthreadsRoot(int tasks) throws Exception {
    ExecutorService executor;
    try {
      executor = (ExecutorService) java.util.concurrent.Executors.class
          .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the vthreads shape needs JDK 21 or later", e);
    }
    long[] out = new long[tasks];
    for (int i = 0; i < tasks; i++) {
      executor.execute(new VTask(out, i));
    }
    executor.shutdown();
    if (!executor.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("virtual threads did not finish");
    }
    long s = 0;
    for (long v : out) {
      s += v;
    }
    return s;
  }

  private static final class VTask implements Runnable {
    private final long[] out;
    private final int i;

    VTask(long[] out, int i) {
      this.out = out;
      this.i = i;
    }

    @Override
    public void run() {
      out[i] = vthreadStage(i);
    }
  }

  @Monitored(value = "shapes.vthreads.task")
  @WithSpan("shapes.vthreads.task")
  static long vthreadStage(long v) {
    return work(v, 64);
  }

  // ---- threads: many platform threads, each a short per-record loop ----

  @Monitored(value = "shapes.threads.root", pipeline = "threads", mode = Monitored.Mode.SPAN)
  @WithSpan("shapes.threads.root")
  static long threadsRoot(int count) throws InterruptedException {
    Thread[] threads = new Thread[count];
    long[] out = new long[count];
    for (int t = 0; t < count; t++) {
      threads[t] = new Thread(new ThreadLoop(out, t), "shapes-" + t);
      threads[t].start();
    }
    long s = 0;
    for (int t = 0; t < count; t++) {
      threads[t].join();
      s += out[t];
    }
    return s;
  }

  private static final class ThreadLoop implements Runnable {
    private final long[] out;
    private final int t;

    ThreadLoop(long[] out, int t) {
      this.out = out;
      this.t = t;
    }

    @Override
    public void run() {
      long v = t;
      for (int k = 0; k < CALLS_PER_THREAD; k++) {
        v = threadRecord(v);
      }
      out[t] = v;
    }
  }

  @Monitored(value = "shapes.threads.record")
  @WithSpan("shapes.threads.record")
  static long threadRecord(long v) {
    return v * 31 + 1;
  }
}
