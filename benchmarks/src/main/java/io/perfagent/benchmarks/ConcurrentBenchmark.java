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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does the cost per call grow when 4 threads call stages at once (contention on the agent's
 * shared state)?
 *
 * <p>The variants of {@link TinyMethodBenchmark} that matter here, each on 4 threads:
 * {@code plain} and {@code plainBatch} (baselines without an agent), {@code monitoredSpan},
 * {@code monitoredAggregate} (per inner call of a SPAN parent of {@value #BATCH} calls) and
 * {@code withSpan}. The figure is the time per operation seen by each thread; on a 2-core
 * machine 4 threads share 2 cores, so compare each variant with its own baseline from the same
 * run, not with the single-thread figures.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.perfagent.benchmarks.Compare --include
 * Concurrent}
 */
@State(Scope.Thread)
@Threads(4)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConcurrentBenchmark {

  /** Inner calls per parent call in the batch variants. */
  public static final int BATCH = 1000;

  private long x;

  @Setup
  public void setUp() {
    x = System.nanoTime();
  }

  @Benchmark
  public long plain() {
    return tiny();
  }

  @Benchmark
  public long monitoredSpan() {
    return spanTiny();
  }

  @Benchmark
  public long withSpan() {
    return withSpanTiny();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long plainBatch() {
    return plainParent();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long monitoredAggregate() {
    return aggregateParent();
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long tiny() {
    x = x * 31 + 1;
    return x;
  }

  @Monitored(value = "concurrent.span", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long spanTiny() {
    x = x * 31 + 1;
    return x;
  }

  @WithSpan("concurrent.withspan")
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long withSpanTiny() {
    x = x * 31 + 1;
    return x;
  }

  @Monitored(value = "concurrent.aggregate", mode = Monitored.Mode.AGGREGATE)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long aggregateTiny() {
    x = x * 31 + 1;
    return x;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long plainParent() {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += tiny();
    }
    return sum;
  }

  @Monitored(value = "concurrent.batch.aggregate", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long aggregateParent() {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += aggregateTiny();
    }
    return sum;
  }
}
