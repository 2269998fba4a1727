package io.perfagent.analysis.bottleneck;

import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.path.CriticalPathSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * What the resource series show during a stage's time on the critical path: GC pause time
 * overlapping it, and the mean of a utilization series sampled within it.
 */
public final class ResourceOverlap {

  private final List<long[]> intervals = new ArrayList<>();
  private final long totalNanos;

  private ResourceOverlap(List<AnalyzedRun> runs, String stage) {
    long t = 0;
    for (AnalyzedRun run : runs) {
      for (CriticalPathSegment s : run.criticalPath().segments()) {
        if (s.stage().equals(stage)) {
          intervals.add(new long[] {s.startNanos(), s.endNanos()});
          t += s.durationNanos();
        }
      }
    }
    totalNanos = t;
  }

  public static ResourceOverlap of(List<AnalyzedRun> runs, String stage) {
    return new ResourceOverlap(runs, stage);
  }

  /** The stage's own critical-path time covered here (segments of its own spans). */
  public long totalNanos() {
    return totalNanos;
  }

  /** Nanoseconds of GC pauses overlapping the stage's critical-path segments. */
  public long gcNanos(List<ResourceSample> samples) {
    long sum = 0;
    for (ResourceSample r : samples) {
      if (!r.name().equals(ResourceNames.GC_DURATION) || !(r.value() > 0)) {
        continue;
      }
      long end = r.timeNanos();
      long start = end - (long) (r.value() * 1e9);
      for (long[] i : intervals) {
        sum += Math.max(0, Math.min(end, i[1]) - Math.max(start, i[0]));
      }
    }
    return sum;
  }

  /**
   * Mean of the first series in {@code names} that has points within the stage's segments;
   * -1 when none does.
   */
  public double meanWithin(List<ResourceSample> samples, List<String> names) {
    for (String name : names) {
      double sum = 0;
      int n = 0;
      for (ResourceSample r : samples) {
        if (r.name().equals(name) && within(r.timeNanos())) {
          sum += r.value();
          n++;
        }
      }
      if (n > 0) {
        return sum / n;
      }
    }
    return -1;
  }

  private boolean within(long t) {
    for (long[] i : intervals) {
      if (t >= i[0] && t <= i[1]) {
        return true;
      }
    }
    return false;
  }
}
