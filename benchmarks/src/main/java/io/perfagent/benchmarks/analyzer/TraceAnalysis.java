package io.perfagent.benchmarks.analyzer;

import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.report.Report;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Analysis time and peak heap for one trace of {@code N} spans, with the library the analyzer
 * runs ({@code perf-analysis}, the analyzer's options): a root, 100 sequential phases, and
 * under each phase its share of the spans spread over 4 threads of 8 stages. Each size is
 * analysed once to warm up, then {@code --runs} times; the times are each run's, the heap
 * is the heap pools' peak during the measured runs less the heap in use before them (the input
 * spans are in both).
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar \
 *     io.perfagent.benchmarks.analyzer.TraceAnalysis [--spans 100000,1000000] [--runs 3]
 * </pre>
 */
public final class TraceAnalysis {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private TraceAnalysis() {}

  public static void main(String[] args) {
    long[] sizes = {100_000, 1_000_000};
    int runs = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--spans")) {
        sizes = Arrays.stream(args[i + 1].split(",")).mapToLong(Long::parseLong).toArray();
      } else if (args[i].equals("--runs")) {
        runs = Integer.parseInt(args[i + 1]);
      } else {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    AnalysisOptions options = AnalysisOptions.builder().availableCores(0).addSpeedup(2).build();
    for (long n : sizes) {
      List<StageSpan> spans = trace((int) n);
      Report warm = Analyzer.analyze(spans, options);
      if (warm.pipelines().isEmpty() || warm.pipelines().get(0).bottlenecks().isEmpty()) {
        throw new IllegalStateException("the trace gave no bottleneck");
      }
      System.gc();
      long before = heapUsed();
      resetPeaks();
      long[] nanos = new long[runs];
      long[] cpu = new long[runs];
      long allocated = 0;
      for (int r = 0; r < runs; r++) {
        long a0 = THREADS.getCurrentThreadAllocatedBytes();
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Analyzer.analyze(spans, options);
        nanos[r] = System.nanoTime() - t0;
        cpu[r] = THREADS.getCurrentThreadCpuTime() - c0;
        allocated = THREADS.getCurrentThreadAllocatedBytes() - a0;
      }
      long peak = heapPeak();
      Arrays.sort(nanos);
      Arrays.sort(cpu);
      // the analysis thread's own CPU and allocation vary little with the machine's load; the
      // wall time includes the GC threads competing for the same 2 cores
      System.out.printf("%,d spans: analysis %s ms (sorted, %d runs), the analysing thread's"
          + " CPU %s ms, %,d MB allocated per analysis; heap in use before %,d MB,"
          + " peak %,d MB (+%,d MB)%n", n, Arrays.toString(Arrays.stream(nanos)
              .map(x -> x / 1_000_000).toArray()), runs, Arrays.toString(Arrays.stream(cpu)
              .map(x -> x / 1_000_000).toArray()), allocated >> 20, before >> 20, peak >> 20,
          (peak - before) >> 20);
    }
  }

  /** A root, 100 phases in a row, and the rest as tasks under the phases on 4 threads. */
  static List<StageSpan> trace(int n) {
    List<StageSpan> out = new ArrayList<>(n);
    String trace = "00000000000000000000000000abcdef";
    long t = 1_700_000_000_000_000_000L;
    int phases = 100;
    int perPhase = (n - 1 - phases) / phases;
    long phaseLength = (perPhase / 4 + 1) * 1_000L;
    out.add(StageSpan.builder().traceId(trace).spanId("r").stage("root").pipeline("big")
        .thread("main", 1).interval(t, t + phases * phaseLength).cpuNanos(1_000_000, true)
        .build());
    long id = 0;
    for (int p = 0; p < phases; p++) {
      long ps = t + p * phaseLength;
      String phase = "p" + p;
      out.add(StageSpan.builder().traceId(trace).spanId(phase).parentSpanId("r")
          .stage("phase" + p % 5).pipeline("big").thread("main", 1)
          .interval(ps, ps + phaseLength).cpuNanos(phaseLength / 10, true).build());
      for (int k = 0; k < perPhase; k++) {
        int thread = k % 4;
        long s = ps + (k / 4) * 1_000L;
        // every fourth task on thread 3 runs long: a straggler
        long len = thread == 3 ? 990 : 600;
        out.add(StageSpan.builder().traceId(trace).spanId(Long.toHexString(++id))
            .parentSpanId(phase).stage("task" + k % 8).pipeline("big")
            .thread("pool-" + thread, 10 + thread).interval(s, s + len)
            .cpuNanos(len * 9 / 10, true).allocBytes(512).records(1).build());
      }
    }
    return out;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
