package io.perfagent.benchmarks.process;

import io.perfagent.Monitored;
import java.lang.management.ManagementFactory;

/**
 * The agent's hardest steady load on one thread: a SPAN parent of 1000 calls of an AGGREGATE
 * stage, in a loop. It answers what JMH cannot: how many bytes the calling thread itself
 * allocates per call (JMH's {@code -prof gc} sums every thread, the agent's drain thread
 * included), and, with the agent's exit summary on, how many parents were recorded and how
 * many dropped. Usage, after {@code mvn -B package -DskipTests}:
 * {@code java -javaagent:benchmarks/target/agents/perf.jar -Dperf.report=off
 * -cp benchmarks/target/benchmarks.jar io.perfagent.benchmarks.process.ShortParentsMain [ms]}.
 */
public final class ShortParentsMain {

  private static final int CALLS_PER_PARENT = 1000;
  private static long x;

  private ShortParentsMain() {}

  public static void main(String[] args) {
    long millis = args.length > 0 ? Long.parseLong(args[0]) : 3000;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = runFor(2000, 0); // warm-up: the agent's thread starts, the JIT settles
    long mine = threads.getCurrentThreadAllocatedBytes();
    long all = allThreads(threads);
    long start = System.nanoTime();
    long parents = runFor(millis, 1);
    long nanos = System.nanoTime() - start;
    double calls = (double) parents * CALLS_PER_PARENT;
    System.out.printf("parents %d in %d ms (%.1f ns per inner call, parent included); "
            + "allocated per inner call: %.3f B by this thread, %.3f B by all threads%n",
        parents, millis, nanos / calls,
        (threads.getCurrentThreadAllocatedBytes() - mine) / calls,
        (allThreads(threads) - all) / calls);
    System.out.println(sum == 42 ? "" : "done");
  }

  /** Runs parents for {@code millis}; returns how many ran (or a checksum when counting 0). */
  private static long runFor(long millis, int count) {
    long end = System.nanoTime() + millis * 1_000_000L;
    long n = 0;
    long sum = 0;
    while (System.nanoTime() < end) {
      sum += parent();
      n++;
    }
    return count == 0 ? sum : n;
  }

  private static long allThreads(com.sun.management.ThreadMXBean threads) {
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }

  @Monitored(value = "short.parent", pipeline = "short", mode = Monitored.Mode.SPAN)
  static long parent() {
    long s = 0;
    for (int i = 0; i < CALLS_PER_PARENT; i++) {
      s += perRecord();
    }
    return s;
  }

  @Monitored(value = "short.record", pipeline = "short", mode = Monitored.Mode.AGGREGATE)
  static long perRecord() {
    x = x * 31 + 1;
    return x;
  }
}
