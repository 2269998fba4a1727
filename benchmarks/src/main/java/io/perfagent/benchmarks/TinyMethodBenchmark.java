package io.perfagent.benchmarks;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.perfagent.Monitored;
import io.perfagent.Perf;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one call of a tiny method cost under each agent and mode?
 *
 * <p>The method is {@code x = x * 31 + 1} (about 1 to 2 ns, never inlined, as a real stage
 * method would not be). Variants, each meant for one agent configuration of {@link Compare}:
 * <ul>
 *   <li>{@code plain}: no annotation; run without an agent it is the baseline;
 *   <li>{@code monitoredSpan}: {@code @Monitored(mode = SPAN)}, a span per call;
 *   <li>{@code withSpan}: {@code @WithSpan} under the upstream agent;
 *   <li>{@code monitoredAggregate}, {@code monitoredAuto}, {@code monitoredRecords}: per inner
 *       call of a {@code @Monitored(mode = SPAN)} parent that makes {@value #BATCH} calls of an
 *       {@code AGGREGATE} stage, of an {@code AUTO} stage (the first 64 are spans, the rest
 *       folded), or of the plain method followed by {@code Perf.records(1)}; their baseline is
 *       {@code plainBatch}, the same loop unannotated;
 *   <li>{@code monitoredAutoFolded}: an {@code AUTO} stage in steady folded state: its parent
 *       stage is opened once per iteration ({@code Perf.stage}), so all but the first 64 calls
 *       of an iteration are folded; baseline {@code plain}.
 *   <li>{@code monitoredAggregateFolded}: the same for an {@code AGGREGATE} stage: the cost of
 *       the stage's own calls, without a parent's start and end every {@value #BATCH} calls
 *       (which {@code monitoredAggregate} includes); baseline {@code plain}.
 * </ul>
 *
 * <p>All variants of all agents, with ratios, in one run:
 * {@code java -cp benchmarks/target/benchmarks.jar io.perfagent.benchmarks.Compare --include Tiny}.
 * One variant by hand:
 * {@code java -jar benchmarks/target/benchmarks.jar 'TinyMethodBenchmark.monitoredAggregate'
 * -jvmArgsAppend "-javaagent:benchmarks/target/agents/perf.jar -Dperf.report=off
 * -Dperf.summary=off" -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TinyMethodBenchmark {

  /** Inner calls per parent call in the batch variants. */
  public static final int BATCH = 1000;

  private long x;
  private Perf.Stage iterationStage;

  @Setup
  public void setUp() {
    x = System.nanoTime();
  }

  /** The parent of {@link #monitoredAutoFolded}: one stage open for a whole iteration. */
  @Setup(Level.Iteration)
  public void openIterationStage() {
    iterationStage = Perf.stage("tiny.iteration");
  }

  @TearDown(Level.Iteration)
  public void closeIterationStage() {
    iterationStage.close();
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
  public long monitoredAutoFolded() {
    return autoTiny();
  }

  @Benchmark
  public long monitoredAggregateFolded() {
    return aggregateTiny();
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

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long monitoredAuto() {
    return autoParent();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long monitoredRecords() {
    return recordsParent();
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long tiny() {
    x = x * 31 + 1;
    return x;
  }

  @Monitored(value = "tiny.span", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long spanTiny() {
    x = x * 31 + 1;
    return x;
  }

  @WithSpan("tiny.withspan")
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long withSpanTiny() {
    x = x * 31 + 1;
    return x;
  }

  @Monitored(value = "tiny.aggregate", mode = Monitored.Mode.AGGREGATE)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long aggregateTiny() {
    x = x * 31 + 1;
    return x;
  }

  @Monitored(value = "tiny.auto", mode = Monitored.Mode.AUTO)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long autoTiny() {
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

  @Monitored(value = "tiny.batch.aggregate", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long aggregateParent() {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += aggregateTiny();
    }
    return sum;
  }

  @Monitored(value = "tiny.batch.auto", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long autoParent() {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += autoTiny();
    }
    return sum;
  }

  @Monitored(value = "tiny.batch.records", mode = Monitored.Mode.SPAN)
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  long recordsParent() {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += tiny();
      Perf.records(1);
    }
    return sum;
  }
}
