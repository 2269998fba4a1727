package io.perfagent.analysis.resource;

import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.AnalyzedRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-stage resource figures of one pipeline: for each stage, what each resource series
 * averaged while its spans ran (all runs together).
 *
 * <p>Only spans lasting at least a series' spacing take part in its mean: a 5 µs call says
 * nothing about a 1 s sample it happens to fall into, and thousands of such calls would only
 * repeat the same samples. The covered time is the union of the spans lasting at least the
 * shortest spacing of the series present (one tick for all, as the agent samples them), and
 * the GC figures are taken over that same time so that their ratio is comparable to the means.
 * When only GC pauses were recorded every span takes part: pause intervals are exact.
 */
public final class StageResourcesCalculator {

  /** The gauge series read per stage, by the figure they fill. */
  private static final List<String> GAUGES = List.of(ResourceNames.SYSTEM_CPU_UTILIZATION,
      ResourceNames.PROCESS_CPU_UTILIZATION, ResourceNames.CONTAINER_CPU_UTILIZATION,
      ResourceNames.GPU_UTILIZATION, ResourceNames.GPU_MEMORY_USAGE,
      ResourceNames.NPU_UTILIZATION, ResourceNames.IO_WAIT_UTILIZATION);

  private StageResourcesCalculator() {}

  /**
   * Figures by stage name, for the stages that have any; empty without samples.
   *
   * @param series the run's series by name ({@link SampledSeries#byName})
   */
  public static Map<String, StageResources> compute(List<AnalyzedRun> runs,
      Map<String, SampledSeries> series, List<ResourceSample> samples) {
    List<SampledSeries> gauges = new ArrayList<>();
    long minSpacing = Long.MAX_VALUE;
    for (String name : GAUGES) {
      SampledSeries s = series.get(name);
      if (s != null && s.spacingNanos() > 0) { // a single point has no interval: skipped
        gauges.add(s);
        minSpacing = Math.min(minSpacing, s.spacingNanos());
      }
    }
    boolean gc = GcPauses.recorded(samples);
    if (gauges.isEmpty() && !gc) {
      return Map.of();
    }
    long minSpan = gauges.isEmpty() ? 0 : minSpacing;

    Map<String, List<StageSpan>> byStage = new LinkedHashMap<>();
    for (AnalyzedRun run : runs) {
      for (StageSpan s : run.trace().spans()) {
        byStage.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, StageResources> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<StageSpan>> e : byStage.entrySet()) {
      StageResources r = stage(e.getValue(), gauges, minSpan, gc, samples);
      if (r != null) {
        out.put(e.getKey(), r);
      }
    }
    return out;
  }

  private static StageResources stage(List<StageSpan> spans, List<SampledSeries> gauges,
      long minSpan, boolean gc, List<ResourceSample> samples) {
    Intervals covered = spansAtLeast(spans, minSpan);
    if (covered.isEmpty()) {
      return null;
    }
    // most series share one tick: build each span set once per spacing
    Map<Long, Intervals> bySpacing = new HashMap<>();
    bySpacing.put(minSpan, covered);
    Map<String, Double> means = new HashMap<>();
    for (SampledSeries s : gauges) {
      Intervals in = bySpacing.computeIfAbsent(s.spacingNanos(), d -> spansAtLeast(spans, d));
      double m = in.isEmpty() ? -1 : s.meanOver(in);
      if (m >= 0) {
        means.put(s.name(), m);
      }
    }
    long gcNanos = gc ? GcPauses.overlapNanos(samples, covered) : -1;
    if (means.isEmpty() && gcNanos < 0) {
      return null;
    }
    return new StageResources(
        means.getOrDefault(ResourceNames.SYSTEM_CPU_UTILIZATION, -1.0),
        means.getOrDefault(ResourceNames.PROCESS_CPU_UTILIZATION, -1.0),
        means.getOrDefault(ResourceNames.CONTAINER_CPU_UTILIZATION, -1.0),
        means.getOrDefault(ResourceNames.GPU_UTILIZATION, -1.0),
        means.getOrDefault(ResourceNames.GPU_MEMORY_USAGE, -1.0),
        means.getOrDefault(ResourceNames.NPU_UTILIZATION, -1.0),
        means.getOrDefault(ResourceNames.IO_WAIT_UTILIZATION, -1.0),
        gcNanos, covered.totalNanos());
  }

  private static Intervals spansAtLeast(List<StageSpan> spans, long minNanos) {
    List<long[]> pairs = new ArrayList<>();
    for (StageSpan s : spans) {
      if (s.durationNanos() >= minNanos) { // empty spans: dropped by the union
        pairs.add(new long[] {s.startNanos(), s.endNanos()});
      }
    }
    return Intervals.union(pairs);
  }
}
