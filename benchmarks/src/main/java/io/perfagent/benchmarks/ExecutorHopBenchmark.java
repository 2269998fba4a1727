package io.perfagent.benchmarks;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.perfagent.Monitored;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does carrying the stage context across an executor cost?
 *
 * <p>One operation: a parent stage submits a task (itself a stage) to a single-thread executor
 * and waits for it. {@code plain}: nothing annotated (baseline); {@code monitoredSpan}: parent
 * and task {@code @Monitored(mode = SPAN)}, the agent captures the parent at submit and restores
 * it in the task; {@code withSpan}: parent and task {@code @WithSpan}, the upstream agent's
 * executor instrumentation propagates its context. The hop itself (a thread wake-up) dominates;
 * the question is how much each agent adds to it.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.perfagent.benchmarks.Compare --include
 * ExecutorHop}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExecutorHopBenchmark {

  private long x;
  private ExecutorService executor;
  private Runnable plainTask;
  private Runnable spanTask;
  private Runnable withSpanTask;

  @Setup
  public void setUp() {
    x = System.nanoTime();
    executor = Executors.newSingleThreadExecutor();
    plainTask = this::plainTaskBody;
    spanTask = this::spanTaskBody;
    withSpanTask = this::withSpanTaskBody;
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public long plain() throws Exception {
    return plainParent();
  }

  @Benchmark
  public long monitoredSpan() throws Exception {
    return spanParent();
  }

  @Benchmark
  public long withSpan() throws Exception {
    return withSpanParent();
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long plainParent() throws InterruptedException, ExecutionException {
    executor.submit(plainTask).get();
    return x;
  }

  @Monitored(value = "hop.parent", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long spanParent() throws InterruptedException, ExecutionException {
    executor.submit(spanTask).get();
    return x;
  }

  @WithSpan("hop.withspan.parent")
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long withSpanParent() throws InterruptedException, ExecutionException {
    executor.submit(withSpanTask).get();
    return x;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  void plainTaskBody() {
    x = x * 31 + 1;
  }

  @Monitored(value = "hop.task", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  void spanTaskBody() {
    x = x * 31 + 1;
  }

  @WithSpan("hop.withspan.task")
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  void withSpanTaskBody() {
    x = x * 31 + 1;
  }
}
