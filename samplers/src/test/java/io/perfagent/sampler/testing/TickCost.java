package io.perfagent.sampler.testing;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/** Measures (and prints, never asserts) the sampler-thread CPU one tick of a source costs. */
public final class TickCost {

  private static final ResourceWriter DISCARD =
      new ResourceWriter() {
        @Override
        public void gauge(String name, String unit, double value, String... attributes) {}

        @Override
        public void counter(String name, String unit, double total, String... attributes) {}

        @Override
        public void event(
            String name, String unit, long endEpochNanos, double value, String... attributes) {}
      };

  private TickCost() {}

  /** Mean microseconds per tick, of the sampler thread's CPU and of wall-clock time. */
  public record Cost(double cpuMicros, double wallMicros) {}

  /** Mean CPU microseconds per tick over {@code ticks}, after as many warm-up ticks. */
  public static double measure(ResourceSource source, int ticks) throws Exception {
    Cost c = cost(source, ticks, ticks);
    System.out.printf(
        "TICK COST %-10s cpu %8.1f us/tick  wall %8.1f us/tick  (%d ticks)%n",
        source.name(), c.cpuMicros(), c.wallMicros(), ticks);
    return c.cpuMicros();
  }

  /**
   * The cost per tick over {@code ticks} back-to-back ticks, after {@code warmup} ticks, each
   * written to a writer that drops everything; prints nothing.
   */
  public static Cost cost(ResourceSource source, int warmup, int ticks) throws Exception {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < warmup; i++) {
      source.sample(DISCARD);
    }
    long c0 = t.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    for (int i = 0; i < ticks; i++) {
      source.sample(DISCARD);
    }
    double cpuMicros = (t.getCurrentThreadCpuTime() - c0) / 1000.0 / ticks;
    double wallMicros = (System.nanoTime() - w0) / 1000.0 / ticks;
    return new Cost(cpuMicros, wallMicros);
  }

  /**
   * The sampler's pattern: every source once per tick, {@code sleepMillis} between ticks, so a
   * normal JVM does not compile the code (as in production at a 1 s interval). Prints the mean
   * CPU microseconds per tick of each source over {@code ticks}, after {@code warmup} ticks.
   */
  public static void paced(List<ResourceSource> sources, int warmup, int ticks, long sleepMillis)
      throws Exception {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[sources.size()];
    for (int tick = 0; tick < warmup + ticks; tick++) {
      for (int i = 0; i < cpu.length; i++) {
        long c0 = t.getCurrentThreadCpuTime();
        sources.get(i).sample(DISCARD);
        if (tick >= warmup) {
          cpu[i] += t.getCurrentThreadCpuTime() - c0;
        }
      }
      Thread.sleep(sleepMillis);
    }
    long sum = 0;
    for (int i = 0; i < cpu.length; i++) {
      sum += cpu[i];
      System.out.printf(
          "PACED COST %-10s cpu %8.1f us/tick  (%d ticks, %d ms apart)%n",
          sources.get(i).name(), cpu[i] / 1000.0 / ticks, ticks, sleepMillis);
    }
    System.out.printf("PACED COST %-10s cpu %8.1f us/tick%n", "all", sum / 1000.0 / ticks);
  }
}
