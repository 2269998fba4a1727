package io.perfagent.analysis.bottleneck;

import static io.perfagent.analysis.TestSpans.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.contention.StageContentionCalculator;
import io.perfagent.analysis.model.Contention;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.stats.StageStatsCalculator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BottleneckDetectorTest {

  private static List<Bottleneck> detect(List<AnalyzedRun> runs, List<ResourceSample> samples) {
    return BottleneckDetector.detect(runs, StageStatsCalculator.compute(runs), samples,
        BottleneckThresholds.defaults());
  }

  /**
   * run 0-1000 ms: read (wait) 0-100, score (cpu) 101-701, materialize (alloc) 702-952, write
   * 953-993. The 1 ms gaps matter: a sibling ending exactly when the next starts would not be
   * on the critical path (Jaeger's strict rule, see CriticalPathTest).
   */
  private static TestSpans pipeline() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 1000).cpuNanos(860 * MS, true).allocBytes(0).build());
    t.add(t.builder("a", "r", "read", 0, 100).cpuNanos(10 * MS, true).allocBytes(0).build());
    t.add(t.builder("b", "r", "score", 101, 701).cpuNanos(594 * MS, true).allocBytes(0).build());
    t.add(t.builder("c", "r", "materialize", 702, 952).cpuNanos(200 * MS, true)
        .allocBytes(512L << 20).build());
    t.add(t.builder("d", "r", "write", 953, 993).cpuNanos(40 * MS, true).allocBytes(0).build());
    return t;
  }

  @Test
  void rankedByShareWithKindsAndEvidence() {
    List<Bottleneck> found = detect(List.of(pipeline().run()), List.of());
    assertThat(found).extracting(Bottleneck::stage)
        .containsExactly("score", "materialize", "read"); // write (4 %) and run (1 %) are below 5 %
    assertThat(found).extracting(Bottleneck::kind)
        .containsExactly(BottleneckKind.CPU, BottleneckKind.ALLOC, BottleneckKind.WAIT);
    assertThat(found.get(0).criticalPathShare()).isEqualTo(0.6);
    assertThat(found.get(0).evidence())
        .isEqualTo("on CPU 99.0 % of its 600 ms on the critical path, on 1 thread");
    assertThat(found.get(0).numbers()).containsEntry("cpu_ratio", 0.99);
    assertThat(found.get(1).evidence())
        .isEqualTo("allocated 512 MiB in 250 ms of its own time (2.00 GiB/s)");
    assertThat(found.get(2).evidence())
        .isEqualTo("off CPU 90.0 % of its 100 ms on the critical path (sleep, I/O, a join or a queue)");
  }

  @Test
  void gcOverlappingTheStageMakesItGcBound() {
    List<ResourceSample> gc = List.of(new ResourceSample(800 * MS, ResourceNames.GC_DURATION, 0.05),
        new ResourceSample(900 * MS, ResourceNames.GC_DURATION, 0.03),
        new ResourceSample(20 * MS, ResourceNames.GC_DURATION, 0.01)); // during read: 10 ms
    List<Bottleneck> found = detect(List.of(pipeline().run()), gc);
    Bottleneck m = found.get(1);
    assertThat(m.kind()).isEqualTo(BottleneckKind.GC);
    assertThat(m.numbers()).containsEntry("gc_ns", 80.0 * MS);
    assertThat(m.evidence()).startsWith("GC pauses covered 32.0 % of its 250 ms on the critical path (80.0 ms)");
    assertThat(found.get(2).kind()).isEqualTo(BottleneckKind.WAIT); // 10 % GC is below 20 %
  }

  @Test
  void stragglerInAFanOutIsSkew() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 1400).span("g", "r", "aggregate", 0, 1400);
    long[] ends = {250, 1310, 240, 260};
    for (int i = 0; i < ends.length; i++) {
      t.add(t.builder("p" + i, "g", "aggregate.partition", 0, ends[i]).thread("pool-" + i, 10 + i)
          .cpuNanos(ends[i] * MS, true).build());
    }
    Bottleneck b = detect(List.of(t.run()), List.of()).get(0);
    assertThat(b.stage()).isEqualTo("aggregate.partition");
    assertThat(b.kind()).isEqualTo(BottleneckKind.SKEW);
    assertThat(b.evidence()).isEqualTo(
        "1 of 4 parallel calls took 5.2x the median (1.31 s vs 250 ms) and held the join");
    assertThat(b.numbers()).containsEntry("next_ns", 260.0 * MS).containsEntry("calls", 4.0);
  }

  /**
   * The same spans, but the parent also folded the stage's other calls (3,000 threads each
   * calling it 1,000 times): the spans are its first calls and the slowest kept as exemplars,
   * a sample picked for being slow, so their spread is no straggler ("1 of 2 parallel calls
   * took 4.6x the median and held the join", said of 3,000,000 calls).
   */
  @Test
  void spansOfAStageTheParentAlsoFoldedAreNoFanOut() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 1400);
    t.add(t.builder("g", "r", "aggregate", 0, 1400)
        .addFolded(TestSpans.fold("aggregate.partition", 3_000_000, 1000, 0, 0, 1)).build());
    long[] ends = {250, 1310, 240, 260};
    for (int i = 0; i < ends.length; i++) {
      t.add(t.builder("p" + i, "g", "aggregate.partition", 0, ends[i]).thread("pool-" + i, 10 + i)
          .cpuNanos(ends[i] * MS, true).build());
    }
    assertThat(detect(List.of(t.run()), List.of()))
        .noneMatch(b -> b.kind() == BottleneckKind.SKEW);
  }

  @Test
  void blockedTimeWithoutDetailIsStillLockBound() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100);
    t.add(t.builder("a", "r", "commit", 0, 100).cpuNanos(5 * MS, true).blockedNanos(60 * MS).build());
    Bottleneck b = detect(List.of(t.run()), List.of()).get(0);
    assertThat(b.kind()).isEqualTo(BottleneckKind.LOCK);
    assertThat(b.evidence()).isEqualTo("blocked on locks 60.0 % of its 100 ms");
  }

  /**
   * The shape of issue 15: four threads each call {@code post}, which holds one monitor for
   * 2 ms; they get it one after another (0-2, 2-4, 4-6, 6-8 ms), so the last call takes 4x the
   * median and would read as a straggler. With the blocked time and what it was blocked on,
   * the lock is named instead, with the monitor's class and the stage that held it.
   */
  @Test
  void threadsQueuedOnOneMonitorAreLockBoundNotSkewed() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 9).span("g", "r", "batch", 0, 9);
    Map<String, Contention> evidence = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      long blocked = 2L * i * MS;
      t.add(t.builder("p" + i, "g", "post", 0, 2 * (i + 1)).thread("pool-1-thread-" + (i + 1), 10 + i)
          .cpuNanos(MS / 10, true).blockedNanos(blocked).build());
      if (i > 0) {
        evidence.put("p" + i, new Contention(blocked, 0, Map.of("monitor io.acme.Ledger", blocked),
            Map.of(), Map.of("post", blocked), Set.of("pool-1-thread-" + i)));
      }
    }
    List<AnalyzedRun> runs = List.of(t.run());
    assertThat(detect(runs, List.of()).get(0).kind())
        .as("the blocked figure alone names the lock, ahead of skew").isEqualTo(BottleneckKind.LOCK);
    Bottleneck b = BottleneckDetector.detect(runs, StageStatsCalculator.compute(runs), List.of(),
        BottleneckThresholds.defaults(), StageContentionCalculator.compute(runs, evidence)).get(0);
    assertThat(b.stage()).isEqualTo("post");
    assertThat(b.kind()).isEqualTo(BottleneckKind.LOCK);
    assertThat(b.evidence()).isEqualTo("blocked 12.0 ms of 20.0 ms on monitor io.acme.Ledger "
        + "(held by stage \"post\" on 3 threads); 3 of 4 threads were blocked");
    assertThat(b.numbers()).containsEntry("blocked_ns", 12.0 * MS)
        .containsEntry("threads_blocked", 3.0).containsEntry("blocked_ratio", 0.6);
  }

  @Test
  void theSameSpreadWithoutBlockedTimeIsSkew() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 9).span("g", "r", "batch", 0, 9);
    for (int i = 0; i < 4; i++) {
      t.add(t.builder("p" + i, "g", "post", 0, 2 * (i + 1)).thread("pool-" + i, 10 + i)
          .cpuNanos(MS / 10, true).build());
    }
    assertThat(detect(List.of(t.run()), List.of()).get(0).kind()).isEqualTo(BottleneckKind.SKEW);
  }

  private static final String CONDITION =
      "parked on java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject";

  private static Bottleneck detectWithWait(long waitMs) {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100);
    t.add(t.builder("a", "r", "consume", 0, 100).cpuNanos(5 * MS, true).blockedNanos(0).build());
    Map<String, Contention> evidence = Map.of("a", new Contention(0, waitMs * MS, Map.of(),
        Map.of(CONDITION, waitMs * MS), Map.of(), Set.of()));
    List<AnalyzedRun> runs = List.of(t.run());
    return BottleneckDetector.detect(runs, StageStatsCalculator.compute(runs), List.of(),
        BottleneckThresholds.defaults(), StageContentionCalculator.compute(runs, evidence)).get(0);
  }

  @Test
  void parkingInAQueueIsWaitWithWhatItWaitedOn() {
    Bottleneck b = detectWithWait(80);
    assertThat(b.kind()).isEqualTo(BottleneckKind.WAIT);
    assertThat(b.evidence()).isEqualTo("waited 80.0 ms of 100 ms " + CONDITION
        + " (a queue, a future or a condition, not a lock); 1 of 1 thread waited");
    assertThat(b.numbers()).containsEntry("wait_ns", 80.0 * MS).containsEntry("wait_ratio", 0.8);
  }

  @Test
  void aShorterWaitIsNamedInTheOffCpuEvidence() {
    Bottleneck b = detectWithWait(20);
    assertThat(b.kind()).isEqualTo(BottleneckKind.WAIT);
    assertThat(b.evidence()).isEqualTo("off CPU 95.0 % of its 100 ms on the critical path "
        + "(sleep, I/O, a join or a queue); waited 20.0 ms of its 100 ms " + CONDITION);
  }

  /** Consumers of one queue finish with the producer's pace: a spread, but not stragglers. */
  @Test
  void consumersSpreadByTheirQueueAreWaitNotSkew() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 9).span("g", "r", "batch", 0, 9);
    Map<String, Contention> evidence = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      long waited = 2L * (i + 1) * MS - MS / 10;
      t.add(t.builder("c" + i, "g", "consume", 0, 2 * (i + 1)).thread("pool-" + i, 10 + i)
          .cpuNanos(MS / 10, true).blockedNanos(0).build());
      evidence.put("c" + i, new Contention(0, waited, Map.of(), Map.of(CONDITION, waited),
          Map.of(), Set.of()));
    }
    List<AnalyzedRun> runs = List.of(t.run());
    Bottleneck b = BottleneckDetector.detect(runs, StageStatsCalculator.compute(runs), List.of(),
        BottleneckThresholds.defaults(), StageContentionCalculator.compute(runs, evidence)).get(0);
    assertThat(b.stage()).isEqualTo("consume");
    assertThat(b.kind()).isEqualTo(BottleneckKind.WAIT);
    assertThat(b.evidence()).endsWith("; 4 of 4 threads waited");
  }

  @Test
  void gpuSamplesDuringAnOffCpuStage() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100);
    t.add(t.builder("a", "r", "infer", 0, 100).cpuNanos(5 * MS, true).build());
    List<ResourceSample> gpu = List.of(new ResourceSample(50 * MS, ResourceNames.GPU_UTILIZATION, 0.9));
    assertThat(detect(List.of(t.run()), gpu).get(0).kind()).isEqualTo(BottleneckKind.GPU);
  }

  /** A 3 s stage mostly off CPU while the GPU, sampled each second, was 95 % busy. */
  @Test
  void aStageWaitingOnABusyGpuIsGpuBound() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 3100);
    t.add(t.builder("a", "r", "prep", 0, 99).cpuNanos(99 * MS, true).build());
    t.add(t.builder("b", "r", "infer", 100, 3100).cpuNanos(150 * MS, true).build());
    List<ResourceSample> s = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      s.add(new ResourceSample(i * 1000 * MS, ResourceNames.GPU_UTILIZATION, 0.95));
      s.add(new ResourceSample(i * 1000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.05));
    }
    Bottleneck b = detect(List.of(t.run()), s).get(0);
    assertThat(b.stage()).isEqualTo("infer");
    assertThat(b.kind()).isEqualTo(BottleneckKind.GPU);
    assertThat(b.evidence()).isEqualTo("GPU busy 95.0 % on average during its 3.00 s on the critical path");
  }

  /** The busier accelerator decides; an NPU counts like a GPU. */
  @Test
  void aBusyNpuMakesItGpuBoundToo() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 3000);
    t.add(t.builder("a", "r", "infer", 0, 3000).cpuNanos(30 * MS, true).build());
    List<ResourceSample> s = new java.util.ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      s.add(new ResourceSample(i * 1000 * MS, ResourceNames.GPU_UTILIZATION, 0.1));
      s.add(new ResourceSample(i * 1000 * MS, ResourceNames.NPU_UTILIZATION, 0.8));
    }
    Bottleneck b = detect(List.of(t.run()), s).get(0);
    assertThat(b.kind()).isEqualTo(BottleneckKind.GPU);
    assertThat(b.numbers()).containsEntry("gpu_utilization", 0.8);
    assertThat(b.evidence()).startsWith("NPU busy 80.0 %");
  }

  /** A 100 ms segment between two 1 s ticks still gets the tick whose interval covers it. */
  @Test
  void aSegmentShorterThanTheSpacingGetsTheSampleCoveringIt() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 200, 300);
    t.add(t.builder("a", "r", "infer", 200, 300).cpuNanos(5 * MS, true).build());
    List<ResourceSample> s = List.of(
        new ResourceSample(1000 * MS, ResourceNames.GPU_UTILIZATION, 0.9),
        new ResourceSample(2000 * MS, ResourceNames.GPU_UTILIZATION, 0.0));
    Bottleneck b = detect(List.of(t.run()), s).get(0);
    assertThat(b.kind()).isEqualTo(BottleneckKind.GPU);
    assertThat(b.numbers()).containsEntry("gpu_utilization", 0.9);
  }

  @Test
  void ioWaitFromPressureStallInformationMakesItIoBound() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 2000);
    t.add(t.builder("a", "r", "load", 0, 2000).cpuNanos(100 * MS, true).build());
    List<ResourceSample> s = List.of(
        new ResourceSample(1000 * MS, ResourceNames.IO_WAIT_UTILIZATION, 0.6),
        new ResourceSample(2000 * MS, ResourceNames.IO_WAIT_UTILIZATION, 0.4));
    Bottleneck b = detect(List.of(t.run()), s).get(0);
    assertThat(b.kind()).isEqualTo(BottleneckKind.IO);
    assertThat(b.evidence()).isEqualTo("waiting on I/O 50.0 % of its 2.00 s on the critical path");
  }

  /** On CPU half its time while the machine's CPUs were saturated: it waited for a core. */
  @Test
  void partlyOnCpuOnASaturatedMachineIsCpuBoundByContention() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 2000);
    t.add(t.builder("a", "r", "spin", 0, 2000).cpuNanos(1100 * MS, true).build());
    List<ResourceSample> busy = List.of(
        new ResourceSample(1000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.95),
        new ResourceSample(2000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.97));
    Bottleneck b = detect(List.of(t.run()), busy).get(0);
    assertThat(b.kind()).isEqualTo(BottleneckKind.CPU);
    assertThat(b.evidence()).isEqualTo("on CPU 55.0 % of its 2.00 s on the critical path while "
        + "the machine's CPUs were 96.0 % busy: it waited for a core");
    assertThat(b.numbers().get("machine_cpu_utilization")).isCloseTo(0.96, within(1e-9));

    // on CPU under contendedCpuRatio (10 % < 20 %) on the same busy machine: not contention
    TestSpans idle = TestSpans.trace("t").span("r", "", "run", 0, 2000);
    idle.add(idle.builder("a", "r", "spin", 0, 2000).cpuNanos(200 * MS, true).build());
    Bottleneck w = detect(List.of(idle.run()), busy).get(0);
    assertThat(w.kind()).isEqualTo(BottleneckKind.WAIT);
    assertThat(w.numbers()).doesNotContainKey("machine_cpu_utilization");

    // the same stage on a quiet machine is waiting on something else
    List<ResourceSample> quiet = List.of(
        new ResourceSample(1000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.3),
        new ResourceSample(2000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.3));
    assertThat(detect(List.of(t.run()), quiet).get(0).kind()).isEqualTo(BottleneckKind.WAIT);
  }
}
