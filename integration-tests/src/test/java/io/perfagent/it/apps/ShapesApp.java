package io.perfagent.it.apps;

import io.perfagent.Monitored;
import io.perfagent.Monitored.Mode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pipeline shapes other than a batch root with a per-record stage under it, each with a known
 * number of calls (printed as {@code CALLS <stage> <n>}):
 * <ul>
 *   <li>{@code stream [calls] [rounds] [pauseMs]}: a consumer loop with no enclosing stage,
 *       calling a per-record stage (AUTO), in bursts;
 *   <li>{@code threads [threads] [calls]}: platform threads started from a root stage, each
 *       calling a per-record stage;
 *   <li>{@code vthreads [tasks]} (JDK 21+): tasks on a virtual-thread-per-task executor
 *       submitted from a root stage, each calling one stage once; then as many started with
 *       {@code Thread.ofVirtual()}.
 *   <li>{@code scope [tasks]} (JDK 25, {@code --enable-preview}): subtasks forked in a
 *       {@code StructuredTaskScope} from a root stage, each calling one stage once, and one
 *       subtask that forks ten more in a nested scope.
 * </ul>
 */
public final class ShapesApp {

  static volatile long sink;

  private ShapesApp() {}

  public static void main(String[] args) throws Exception {
    String shape = args[0];
    long t0 = System.nanoTime();
    switch (shape) {
      case "stream" -> stream(arg(args, 1, 5_000_000), (int) arg(args, 2, 1), arg(args, 3, 0));
      case "threads" -> {
        int threads = (int) arg(args, 1, 3_000);
        int calls = (int) arg(args, 2, 1_000);
        spawn(threads, calls);
        System.out.println("CALLS spawn 1");
        System.out.println("CALLS perRecord " + (long) threads * calls);
      }
      case "vthreads" -> {
        int tasks = (int) arg(args, 1, 100_000);
        fanOut(tasks);
        ofVirtual(tasks / 10);
        System.out.println("CALLS fanOut 1");
        System.out.println("CALLS ofVirtual 1");
        System.out.println("CALLS task " + (tasks + tasks / 10));
      }
      case "scope" -> {
        int tasks = (int) arg(args, 1, 1_000);
        scope(tasks);
        System.out.println("CALLS scope 1");
        System.out.println("CALLS task " + (tasks + 10));
      }
      default -> throw new IllegalArgumentException(shape);
    }
    System.out.println("WALL " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    System.out.println("DONE");
  }

  private static long arg(String[] args, int i, long dflt) {
    return args.length > i ? Long.parseLong(args[i]) : dflt;
  }

  /** {@code calls} in each of {@code rounds} bursts, {@code pauseMs} apart: a bursty stream. */
  private static void stream(long calls, int rounds, long pauseMs) throws InterruptedException {
    long s = 0;
    for (int r = 0; r < rounds; r++) {
      if (r > 0) {
        Thread.sleep(pauseMs);
      }
      for (long i = 0; i < calls; i++) {
        s += onRecord(i);
      }
    }
    sink = s;
    System.out.println("CALLS onRecord " + calls * rounds);
  }

  @Monitored("onRecord")
  static long onRecord(long x) {
    return x * 31 + (x >>> 3);
  }

  @Monitored(value = "spawn", pipeline = "threads")
  static void spawn(int threads, int calls) throws InterruptedException {
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] = new Thread(() -> {
        long s = 0;
        for (int i = 0; i < calls; i++) {
          s += perRecord(i);
        }
        sink += s;
      });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
  }

  @Monitored("perRecord")
  static long perRecord(long x) {
    return x * 17 + 3;
  }

  @Monitored(value = "fanOut", pipeline = "vthreads")
  static void fanOut(int tasks) throws Exception {
    Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    ExecutorService ex = (ExecutorService) m.invoke(null);
    List<Future<?>> fs = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      long x = i;
      fs.add(ex.submit(() -> {
        sink += task(x);
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    ex.shutdown();
  }

  /** {@code Thread.ofVirtual().start(r)}, by reflection: the app compiles for 17. */
  @Monitored(value = "ofVirtual", pipeline = "vthreads-builder")
  static void ofVirtual(int tasks) throws Exception {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    List<Thread> ts = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      long x = i;
      ts.add((Thread) start.invoke(builder, (Runnable) () -> sink += task(x)));
    }
    for (Thread t : ts) {
      t.join();
    }
  }

  @Monitored(value = "task", mode = Mode.SPAN)
  static long task(long x) {
    return x * 7 + 1;
  }

  /**
   * {@code StructuredTaskScope.open()}, {@code fork} and {@code join}, by reflection: a preview
   * API in JDK 25, and the app compiles for 17.
   */
  @Monitored(value = "scope", pipeline = "scope")
  static void scope(int tasks) throws Exception {
    forkAll(tasks, true);
  }

  private static void forkAll(int tasks, boolean nest) throws Exception {
    Class<?> sts = Class.forName("java.util.concurrent.StructuredTaskScope");
    AutoCloseable scope = (AutoCloseable) sts.getMethod("open").invoke(null);
    try (scope) {
      Method fork = sts.getMethod("fork", java.util.concurrent.Callable.class);
      for (int i = 0; i < tasks; i++) {
        long x = i;
        fork.invoke(scope, (java.util.concurrent.Callable<Long>) () -> sink += task(x));
      }
      if (nest) {
        fork.invoke(scope, (java.util.concurrent.Callable<Long>) () -> {
          forkAll(10, false);
          return 0L;
        });
      }
      sts.getMethod("join").invoke(scope);
    }
  }
}
