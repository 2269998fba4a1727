package io.perfagent.agent.resource;

import io.perfagent.analysis.model.ResourceSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded in-memory timeline of the series the analysis reads: one value per series per tick
 * (see {@link TimelineSeries}), and the GC pauses. A point at time t stands for the interval
 * since the series' previous point. When a series is full its points are merged in pairs, so a
 * long run keeps its whole span at a coarser step instead of losing its start.
 *
 * <p>Written by the sampler thread; read by the drain thread (span averages) and the report
 * thread at exit. Neither is an application thread, so a monitor is fine here.
 */
public final class ResourceTimeline {

  static final int DEFAULT_POINTS_PER_SERIES = 4096;
  static final int MAX_GC_EVENTS = 20_000;

  private final int capacity;
  private final long intervalNanos;
  private final Map<String, Series> series = new LinkedHashMap<>();
  private final List<long[]> gcPauses = new ArrayList<>(); // {endEpochNanos, durationNanos}
  private long droppedGc;

  public ResourceTimeline(long intervalNanos) {
    this(intervalNanos, DEFAULT_POINTS_PER_SERIES);
  }

  ResourceTimeline(long intervalNanos, int capacity) {
    this.intervalNanos = intervalNanos;
    this.capacity = Math.max(4, capacity & ~1);
  }

  public long intervalNanos() {
    return intervalNanos;
  }

  synchronized void add(String name, long epochNanos, double value) {
    series.computeIfAbsent(name, n -> new Series(capacity, epochNanos - intervalNanos))
        .add(epochNanos, value);
  }

  synchronized void gcPause(long endEpochNanos, double seconds) {
    if (gcPauses.size() >= MAX_GC_EVENTS) {
      droppedGc++;
      return;
    }
    gcPauses.add(new long[] {endEpochNanos, (long) (seconds * 1e9)});
  }

  /**
   * The mean of {@code name} over [start, end], each point weighted by how much of its
   * interval falls inside; NaN when no point overlaps.
   */
  public synchronized double mean(String name, long startEpochNanos, long endEpochNanos) {
    Series s = series.get(name);
    return s == null ? Double.NaN : s.mean(startEpochNanos, endEpochNanos);
  }

  /** GC pause time that overlaps [start, end]. */
  public synchronized long gcNanos(long startEpochNanos, long endEpochNanos) {
    long sum = 0;
    for (long[] p : gcPauses) {
      long from = p[0] - p[1];
      sum += Math.max(0, Math.min(p[0], endEpochNanos) - Math.max(from, startEpochNanos));
    }
    return sum;
  }

  /** Everything kept, in the analysis' model: series points, then GC pauses. */
  public synchronized List<ResourceSample> samples() {
    List<ResourceSample> out = new ArrayList<>();
    for (Map.Entry<String, Series> e : series.entrySet()) {
      Series s = e.getValue();
      for (int i = 0; i < s.size; i++) {
        out.add(new ResourceSample(s.times[i], e.getKey(), s.values[i]));
      }
    }
    for (long[] p : gcPauses) {
      out.add(new ResourceSample(p[0], TimelineSeries.GC_DURATION, p[1] / 1e9));
    }
    return out;
  }

  /**
   * The timeline over [start, end] at most {@code maxPoints} steps long: the ticks of the
   * series with most points there (coarser steps when there are more), every series' mean over
   * each step (NaN where it has no point), and the GC pauses that overlap, at most
   * {@code maxPauses} of them. Null when no point overlaps.
   */
  public synchronized Window window(long start, long end, int maxPoints, int maxPauses) {
    Series ref = null;
    int refFirst = 0;
    int refCount = 0;
    for (Series s : series.values()) {
      int first = s.firstEndingAtOrAfter(start);
      int n = s.countStartingBefore(first, end);
      if (n > refCount) {
        ref = s;
        refFirst = first;
        refCount = n;
      }
    }
    if (ref == null) {
      return null;
    }
    int step = (refCount + maxPoints - 1) / maxPoints;
    int points = (refCount + step - 1) / step;
    long[] times = new long[points];
    for (int k = 0; k < points; k++) {
      times[k] = ref.times[Math.min(refFirst + (k + 1) * step - 1, refFirst + refCount - 1)];
    }
    long origin = refFirst == 0 ? ref.origin : ref.times[refFirst - 1];
    Map<String, double[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, Series> e : series.entrySet()) {
      double[] v = new double[points];
      for (int k = 0; k < points; k++) {
        v[k] = e.getValue().mean(k == 0 ? origin : times[k - 1], times[k]);
      }
      values.put(e.getKey(), v);
    }
    List<long[]> pauses = new ArrayList<>();
    int more = 0;
    for (long[] p : gcPauses) {
      if (p[0] - p[1] < end && p[0] > start) {
        if (pauses.size() < maxPauses) {
          pauses.add(p);
        } else {
          more++;
        }
      }
    }
    return new Window(intervalNanos, times, values, pauses, more);
  }

  /**
   * A stretch of the timeline (see {@link #window}).
   *
   * @param times the end of each step, epoch nanoseconds; a step begins where the one before
   *     ends (the first where its tick's interval began)
   * @param values each series' mean over each step, NaN where it has no point
   * @param gcPauses {end epoch nanoseconds, duration nanoseconds} of each pause
   * @param morePauses pauses that overlap but were left out
   */
  public record Window(long intervalNanos, long[] times, Map<String, double[]> values,
      List<long[]> gcPauses, int morePauses) {}

  public synchronized long droppedGcPauses() {
    return droppedGc;
  }

  /** Points in time order, merged in pairs when full. */
  private static final class Series {
    final long[] times;
    final double[] values;
    /** Where the first point's interval begins. */
    final long origin;
    int size;

    Series(int capacity, long origin) {
      times = new long[capacity];
      values = new double[capacity];
      this.origin = origin;
    }

    void add(long t, double v) {
      if (size > 0 && t <= times[size - 1]) {
        return; // the clock stepped back: keep the order the averages rely on
      }
      if (size == times.length) {
        for (int i = 0; i < size / 2; i++) {
          long from = i == 0 ? origin : times[2 * i - 1];
          double w1 = times[2 * i] - from;
          double w2 = times[2 * i + 1] - times[2 * i];
          values[i] = (values[2 * i] * w1 + values[2 * i + 1] * w2) / Math.max(1, w1 + w2);
          times[i] = times[2 * i + 1];
        }
        size /= 2;
      }
      times[size] = t;
      values[size] = v;
      size++;
    }

    /** Index of the first point at or after {@code t} (its interval may begin before). */
    int firstEndingAtOrAfter(long t) {
      int i = Arrays.binarySearch(times, 0, size, t);
      return i < 0 ? -i - 1 : i;
    }

    /** Points from {@code first} on whose interval begins before {@code end}. */
    int countStartingBefore(int first, long end) {
      int n = 0;
      for (int i = first; i < size && (i == 0 ? origin : times[i - 1]) < end; i++) {
        n++;
      }
      return n;
    }

    double mean(long start, long end) {
      int i = Arrays.binarySearch(times, 0, size, start);
      i = i < 0 ? -i - 1 : i; // first point at or after start: its interval may begin before
      double weighted = 0;
      double total = 0;
      for (; i < size; i++) {
        long from = i == 0 ? origin : times[i - 1];
        if (from >= end) {
          break;
        }
        long overlap = Math.min(times[i], end) - Math.max(from, start);
        if (overlap > 0) {
          weighted += values[i] * overlap;
          total += overlap;
        }
      }
      return total > 0 ? weighted / total : Double.NaN;
    }
  }
}
