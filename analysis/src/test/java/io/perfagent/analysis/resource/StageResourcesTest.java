package io.perfagent.analysis.resource;

import static io.perfagent.analysis.TestSpans.MS;
import static io.perfagent.analysis.testing.MiniJson.arr;
import static io.perfagent.analysis.testing.MiniJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.report.Report;
import io.perfagent.analysis.report.ReportJson;
import io.perfagent.analysis.testing.MiniJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-stage resource figures, end to end through the JSON, with answers known by hand. */
class StageResourcesTest {

  /**
   * One run, 0-6100 ms: hot 0-3000 and cold 3000-6000 (3 s each); half 1500-3000 (partial
   * overlap); mixed 0-1000 plus a 1 ms call at 3500; tiny: ten 1 ms calls.
   */
  static TestSpans run() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 6100)
        .span("h", "r", "hot", 0, 3000)
        .span("c", "r", "cold", 3000, 6000)
        .span("hf", "r", "half", 1500, 3000)
        .span("m1", "r", "mixed", 0, 1000)
        .span("m2", "r", "mixed", 3500, 3501);
    for (int i = 0; i < 10; i++) {
      t.span("x" + i, "r", "tiny", 100 + i * 10, 101 + i * 10);
    }
    return t;
  }

  /** Host CPU each second: 0.9 for the first three ticks, 0.1 for the next three. */
  static List<ResourceSample> hostCpu() {
    List<ResourceSample> s = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      s.add(new ResourceSample(i * 1000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION,
          i <= 3 ? 0.9 : 0.1));
    }
    return s;
  }

  private static Map<String, Map<String, Object>> resourcesByStage(List<ResourceSample> samples) {
    Report report = Analyzer.analyze(run().spans(),
        AnalysisOptions.builder().resourceSamples(samples).build());
    Map<String, Object> root = obj(MiniJson.parse(ReportJson.write(report)));
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Object s : arr(obj(arr(root.get("pipelines")).get(0)).get("stages"))) {
      Map<String, Object> stage = obj(s);
      out.put((String) stage.get("name"), obj(stage.get("resources")));
    }
    return out;
  }

  @Test
  void aStageGetsTheMeanOfTheSamplesThatCoveredIt() {
    Map<String, Map<String, Object>> r = resourcesByStage(hostCpu());

    assertThat(r.get("hot")).containsEntry("host_cpu_utilization", 0.9)
        .containsEntry("covered_ns", 3000.0 * MS);
    assertThat(r.get("cold")).containsEntry("host_cpu_utilization", 0.1);
    assertThat((Double) r.get("run").get("host_cpu_utilization")).isCloseTo(0.5, within(1e-12));
    // only what was sampled: no other key, no GC without GC samples
    assertThat(r.get("hot").keySet()).containsExactly("host_cpu_utilization", "covered_ns");
  }

  @Test
  void partialOverlapWeighsEachSampleByTheTimeItShares() {
    List<ResourceSample> s = List.of(
        new ResourceSample(1000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.0),
        new ResourceSample(2000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.2),
        new ResourceSample(3000 * MS, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.8));

    // half (1500-3000) covers half of (1000, 2000] and all of (2000, 3000]
    assertThat((Double) resourcesByStage(s).get("half").get("host_cpu_utilization"))
        .isCloseTo((0.2 * 500 + 0.8 * 1000) / 1500, within(1e-12));
  }

  @Test
  void spansShorterThanTheSpacingTakeNoPart() {
    Map<String, Map<String, Object>> r = resourcesByStage(hostCpu());

    assertThat(r.get("tiny")).isNull(); // no span of a second or more: no figures at all
    // mixed: the 1 s call counts, the 1 ms call under 0.1 does not
    assertThat(r.get("mixed")).containsEntry("host_cpu_utilization", 0.9)
        .containsEntry("covered_ns", 1000.0 * MS);
  }

  @Test
  void gcPauseTimeOverlappingTheStage() {
    List<ResourceSample> s = new ArrayList<>(hostCpu());
    s.add(new ResourceSample(2500 * MS, ResourceNames.GC_DURATION, 0.2)); // 2300-2500: hot
    s.add(new ResourceSample(3100 * MS, ResourceNames.GC_DURATION, 0.2)); // 2900-3100: both

    Map<String, Map<String, Object>> r = resourcesByStage(s);

    assertThat(r.get("hot")).containsEntry("gc_pause_ns", 300.0 * MS);
    assertThat((Double) r.get("hot").get("gc_pause_ratio")).isCloseTo(0.1, within(1e-12));
    assertThat(r.get("cold")).containsEntry("gc_pause_ns", 100.0 * MS);
    assertThat(r.get("mixed")).containsEntry("gc_pause_ns", 0.0);
  }

  @Test
  void everySeriesHasItsKeyAndASinglePointCoversTheTickBeforeIt() {
    List<ResourceSample> s = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      long t = i * 1000 * MS;
      s.add(new ResourceSample(t, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.5));
      s.add(new ResourceSample(t, ResourceNames.PROCESS_CPU_UTILIZATION, 0.4));
      s.add(new ResourceSample(t, ResourceNames.CONTAINER_CPU_UTILIZATION, 0.8));
      s.add(new ResourceSample(t, ResourceNames.GPU_UTILIZATION, 0.3));
      s.add(new ResourceSample(t, ResourceNames.GPU_MEMORY_USAGE, 2.0 * (1L << 30)));
      s.add(new ResourceSample(t, ResourceNames.IO_WAIT_UTILIZATION, 0.05));
    }
    // one point: a rate read at a tick covers the sampler's tick before it, 1000-2000 ms
    s.add(new ResourceSample(2000 * MS, ResourceNames.NPU_UTILIZATION, 1.0));

    Map<String, Map<String, Object>> byStage = resourcesByStage(s);
    Map<String, Object> hot = byStage.get("hot");

    assertThat(hot).containsEntry("host_cpu_utilization", 0.5)
        .containsEntry("process_cpu_utilization", 0.4)
        .containsEntry("container_cpu_utilization", 0.8)
        .containsEntry("gpu_utilization", 0.3)
        .containsEntry("gpu_memory_bytes", 2.0 * (1L << 30))
        .containsEntry("io_wait_utilization", 0.05)
        .containsEntry("npu_utilization", 1.0);
    assertThat(byStage.get("cold")).as("3000-6000 ms, after the point's tick")
        .doesNotContainKey("npu_utilization");
  }

  @Test
  void parallelCallsOfAStageCountTheirCommonTimeOnce() {
    Intervals u = Intervals.union(List.of(new long[] {0, 10}, new long[] {5, 20},
        new long[] {30, 40}, new long[] {40, 40}));
    assertThat(u.totalNanos()).isEqualTo(30);
    assertThat(u.overlapNanos(8, 35)).isEqualTo(12 + 5);
    assertThat(u.contains(20)).isTrue();
    assertThat(u.contains(25)).isFalse();
  }

  @Test
  void spacingIsTheMedianGapSoAMissedTickDoesNotWidenIt() {
    List<ResourceSample> s = List.of(new ResourceSample(1000, "x", 0),
        new ResourceSample(2000, "x", 0), new ResourceSample(5000, "x", 0),
        new ResourceSample(6000, "x", 0));
    assertThat(SampledSeries.of("x", s).spacingNanos()).isEqualTo(1000);
    assertThat(SampledSeries.of("x", s.subList(0, 1)).spacingNanos()).isZero();
    assertThat(SampledSeries.of("y", s)).isNull();
  }
}
