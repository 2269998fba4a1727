package io.perfagent.sampler.testing;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.container.ContainerSources;
import io.perfagent.sampler.host.HostSources;
import io.perfagent.sampler.jvm.JvmSources;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints (never asserts) the CPU one tick of each of host, process, jvm and container costs,
 * made as the agent makes them. A measurement, not a test: run it by hand, not from the build,
 * in a fresh JVM per mode:
 *
 * <pre>
 *   java [-Xint] -cp CLASSPATH io.perfagent.sampler.testing.TickCostMain paced|hot
 * </pre>
 *
 * {@code paced}: the sampler's pattern, each source once per tick with a sleep between ticks
 * (5 warm-up ticks, then 30 with 300 ms sleeps): in a normal JVM this code stays interpreted,
 * as it does in production at a 1 s interval. {@code hot}: 200 warm-up and 200 measured ticks
 * back to back, so the JIT compiles it ({@code SamplerTickBenchmark} in {@code benchmarks/}
 * measures this case under JMH, and is where the figures in RESULTS.md come from).
 */
public final class TickCostMain {

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

  private TickCostMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "paced";
    SamplerSettings settings = new SamplerSettings(Map.of());
    List<ResourceSource> sources = new ArrayList<>();
    sources.addAll(HostSources.create(settings, System.out::println));
    sources.addAll(JvmSources.create(settings, System.out::println));
    sources.addAll(ContainerSources.create(settings, System.out::println));
    if (mode.equals("hot")) {
      for (ResourceSource s : sources) {
        hot(s, 200);
      }
    } else {
      paced(sources, 5, 30, 300);
    }
    sources.forEach(ResourceSource::close);
  }

  /** Prints the mean CPU and wall microseconds per tick over {@code ticks}, after as many. */
  private static void hot(ResourceSource source, int ticks) throws Exception {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < ticks; i++) {
      source.sample(DISCARD);
    }
    long c0 = t.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    for (int i = 0; i < ticks; i++) {
      source.sample(DISCARD);
    }
    double cpuMicros = (t.getCurrentThreadCpuTime() - c0) / 1000.0 / ticks;
    double wallMicros = (System.nanoTime() - w0) / 1000.0 / ticks;
    System.out.printf(
        "TICK COST %-10s cpu %8.1f us/tick  wall %8.1f us/tick  (%d ticks)%n",
        source.name(), cpuMicros, wallMicros, ticks);
  }

  /**
   * The sampler's pattern: every source once per tick, {@code sleepMillis} between ticks, so a
   * normal JVM does not compile the code (as in production at a 1 s interval). Prints the mean
   * CPU microseconds per tick of each source over {@code ticks}, after {@code warmup} ticks.
   */
  private static void paced(List<ResourceSource> sources, int warmup, int ticks, long sleepMillis)
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
