package io.perfagent.benchmarks;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.DefaultSourceFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one resource-sampler tick costs: every default source (or one, by name) reads once and
 * writes into a sink that only consumes the values. Wall time per tick is JMH's score; the
 * thread CPU time per tick is printed after each iteration as a {@code [cpu]} line (sysfs and
 * procfs reads are system calls: their kernel time counts as CPU, which is the cost that
 * matters).
 * GPU sampling is off: there is no driver here. The unit tests measure no cost: the
 * JIT-compiled per-tick figures in README.md and RESULTS.md come from this benchmark, the
 * interpreted ones from the agent's exit line and the by-hand {@code TickCostMain} (samplers'
 * test sources).
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar SamplerTick}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SamplerTickBenchmark {

  /** {@code all}, or one source's name. */
  @Param({"all", "host", "process", "jvm", "container"})
  public String source;

  private final List<ResourceSource> sources = new ArrayList<>();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Blackhole sink;
  private final ResourceWriter writer = new ResourceWriter() {
    @Override
    public void gauge(String name, String unit, double value, String... attributes) {
      sink.consume(value);
      sink.consume(attributes);
    }

    @Override
    public void counter(String name, String unit, double total, String... attributes) {
      sink.consume(total);
      sink.consume(attributes);
    }

    @Override
    public void event(String name, String unit, long end, double value, String... attributes) {
      sink.consume(value);
    }
  };

  private long ticks;
  private long cpuNanos;

  /** Prints the thread CPU time per tick of the iteration, next to JMH's wall time. */
  @TearDown(Level.Iteration)
  public void printCpu() {
    if (ticks > 0) {
      System.out.printf(java.util.Locale.ROOT, "%n[cpu] %s: %.1f us CPU per tick over %d ticks%n",
          source, cpuNanos / 1000.0 / ticks, ticks);
    }
    ticks = 0;
    cpuNanos = 0;
  }

  @Setup
  public void setUp(Blackhole bh) {
    sink = bh;
    for (ResourceSource s : new DefaultSourceFactory().create(Map.of("sample.gpu", "off"),
        line -> System.out.println("[sampler] " + line))) {
      if (source.equals("all") || source.equals(s.name())) {
        sources.add(s);
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("no source named " + source + " on this machine");
    }
  }

  @TearDown
  public void tearDown() {
    for (ResourceSource s : sources) {
      s.close();
    }
  }

  @Benchmark
  public void tick() throws Exception {
    long c0 = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < sources.size(); i++) {
      sources.get(i).sample(writer);
    }
    cpuNanos += threads.getCurrentThreadCpuTime() - c0;
    ticks++;
  }
}
