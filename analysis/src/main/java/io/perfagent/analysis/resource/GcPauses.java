package io.perfagent.analysis.resource;

import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import java.util.List;

/**
 * GC pause time within a set of intervals. A {@link ResourceNames#GC_DURATION} point is one
 * pause of {@code value} seconds that ended at its time, so, unlike a gauge, its interval is
 * known exactly and needs no spacing.
 */
public final class GcPauses {

  private GcPauses() {}

  /** Whether {@code samples} hold any GC pause at all. */
  public static boolean recorded(List<ResourceSample> samples) {
    for (ResourceSample r : samples) {
      if (r.name().equals(ResourceNames.GC_DURATION) && r.value() > 0) {
        return true;
      }
    }
    return false;
  }

  /** Nanoseconds of GC pauses overlapping {@code intervals}. */
  public static long overlapNanos(List<ResourceSample> samples, Intervals intervals) {
    long sum = 0;
    for (ResourceSample r : samples) {
      if (!r.name().equals(ResourceNames.GC_DURATION) || !(r.value() > 0)) {
        continue;
      }
      long end = r.timeNanos();
      sum += intervals.overlapNanos(end - (long) (r.value() * 1e9), end);
    }
    return sum;
  }
}
