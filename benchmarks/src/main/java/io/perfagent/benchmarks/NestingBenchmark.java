package io.perfagent.benchmarks;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.perfagent.Monitored;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does a deep stack of stages cost: {@value #DEPTH} nested calls, each a span?
 *
 * <p>One operation is {@value #DEPTH} nested calls of a method that recurses down to the tiny
 * method: {@code plain} (no annotation, the baseline), {@code monitoredSpan} (each level a
 * {@code @Monitored(mode = SPAN)} stage, each the child of the one above) and {@code withSpan}
 * (each level {@code @WithSpan}). Figures are per operation, that is per {@value #DEPTH}
 * levels.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.perfagent.benchmarks.Compare --include
 * Nesting}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NestingBenchmark {

  /** Nested stage levels per operation. */
  public static final int DEPTH = 10;

  private long x;
  private int depth;

  @Setup
  public void setUp() {
    x = System.nanoTime();
    depth = DEPTH - 1;
  }

  @Benchmark
  public long plain() {
    return plainLevel(depth);
  }

  @Benchmark
  public long monitoredSpan() {
    return spanLevel(depth);
  }

  @Benchmark
  public long withSpan() {
    return withSpanLevel(depth);
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long plainLevel(int below) {
    if (below == 0) {
      x = x * 31 + 1;
      return x;
    }
    return plainLevel(below - 1);
  }

  @Monitored(value = "nesting.level", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long spanLevel(int below) {
    if (below == 0) {
      x = x * 31 + 1;
      return x;
    }
    return spanLevel(below - 1);
  }

  @WithSpan("nesting.withspan")
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long withSpanLevel(int below) {
    if (below == 0) {
      x = x * 31 + 1;
      return x;
    }
    return withSpanLevel(below - 1);
  }
}
