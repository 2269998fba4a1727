package io.perfagent.analysis.resource;

import io.perfagent.analysis.model.ResourceSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One gauge series (utilization, bytes in use), sorted by time, with its sampling spacing.
 * A point stands for the interval {@code (t - spacing, t]} that ended at its time, which is how
 * the sampler produces it: a utilization read at a tick covers the time since the last tick.
 *
 * <p>This is the one place where a series is averaged over a set of intervals, for the
 * per-stage figures and for the bottleneck classifier alike.
 */
public final class SampledSeries {

  private final String name;
  private final long[] times;
  private final double[] values;
  private final long spacingNanos;

  private SampledSeries(String name, long[] times, double[] values, long tickNanos) {
    this.name = name;
    this.times = times;
    this.values = values;
    long own = medianGap(times);
    this.spacingNanos = own > 0 ? own : tickNanos;
  }

  /** The series of that name in {@code samples}, or null when it has no point. */
  public static SampledSeries of(String name, List<ResourceSample> samples) {
    List<ResourceSample> pts = new ArrayList<>();
    for (ResourceSample s : samples) {
      if (s.name().equals(name) && Double.isFinite(s.value())) {
        pts.add(s);
      }
    }
    return pts.isEmpty() ? null : fromPoints(name, pts, pts.size() < 2 ? tick(samples) : 0);
  }

  /*
   * A rate (CPU utilization) is first read at the sampler's second tick, so a run shorter
   * than two ticks has one point of it, over the interval since the first tick: the spacing
   * of the sampler's ticks, from the times of every series, stands in for its own.
   */
  private static long tick(List<ResourceSample> samples) {
    long[] times = samples.stream().mapToLong(ResourceSample::timeNanos).distinct().sorted()
        .toArray();
    return medianGap(times);
  }

  /** Every series in {@code samples}, by name, in order of first appearance. */
  public static Map<String, SampledSeries> byName(List<ResourceSample> samples) {
    Map<String, List<ResourceSample>> groups = new LinkedHashMap<>();
    for (ResourceSample s : samples) {
      if (Double.isFinite(s.value())) {
        groups.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, SampledSeries> out = new LinkedHashMap<>();
    long tick = tick(samples);
    groups.forEach((k, v) -> out.put(k, fromPoints(k, v, tick)));
    return out;
  }

  private static SampledSeries fromPoints(String name, List<ResourceSample> pts, long tick) {
    List<ResourceSample> sorted = new ArrayList<>(pts);
    sorted.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
    long[] t = new long[sorted.size()];
    double[] v = new double[sorted.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = sorted.get(i).timeNanos();
      v[i] = sorted.get(i).value();
    }
    return new SampledSeries(name, t, v, tick);
  }

  public String name() {
    return name;
  }

  /**
   * The median gap between consecutive points: the sampler's tick, robust to a late or missed
   * tick. With a single point, the spacing of the sampler's ticks in the samples it came with;
   * 0 when that is unknown too.
   */
  public long spacingNanos() {
    return spacingNanos;
  }

  /**
   * The mean of the series over {@code intervals}, each point weighted by how much of its
   * interval {@code (t - spacing, t]} they cover; -1 when no point overlaps them. So a stage
   * shorter than one tick still gets the tick that covered it, weighted by its own share.
   *
   * <p>With no spacing known (a single tick) the point counts when it lies within an
   * interval, so a lone sample still says something about the segment it was taken in.
   */
  public double meanOver(Intervals intervals) {
    double sum = 0;
    double weight = 0;
    for (int i = 0; i < times.length; i++) {
      double w = spacingNanos > 0
          ? intervals.overlapNanos(times[i] - spacingNanos, times[i])
          : intervals.contains(times[i]) ? 1 : 0;
      sum += w * values[i];
      weight += w;
    }
    return weight > 0 ? sum / weight : -1;
  }

  private static long medianGap(long[] t) {
    if (t.length < 2) {
      return 0;
    }
    long[] gaps = new long[t.length - 1];
    for (int i = 1; i < t.length; i++) {
      gaps[i - 1] = t[i] - t[i - 1];
    }
    Arrays.sort(gaps);
    return gaps[(gaps.length - 1) / 2]; // lower median: an actual gap, never an average of two
  }
}
