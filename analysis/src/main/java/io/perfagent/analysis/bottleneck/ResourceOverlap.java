package io.perfagent.analysis.bottleneck;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.path.SpanTree;
import io.perfagent.analysis.resource.GcPauses;
import io.perfagent.analysis.resource.Intervals;
import io.perfagent.analysis.resource.SampledSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * What the resource series show during a stage's time on the critical path: GC pause time
 * overlapping it, and the overlap-weighted mean of a utilization series over it (see
 * {@link SampledSeries#meanOver}: a segment shorter than a sampling interval still gets the
 * sample whose interval covers it).
 */
public final class ResourceOverlap {

  private final Intervals segments;

  private ResourceOverlap(List<AnalyzedRun> runs, String stage) {
    List<long[]> pairs = new ArrayList<>();
    for (AnalyzedRun run : runs) {
      for (CriticalPathSegment s : run.criticalPath().segments()) {
        if (s.stage().equals(stage) || folds(run, s.spanId(), stage)) {
          pairs.add(new long[] {s.startNanos(), s.endNanos()});
        }
      }
    }
    segments = Intervals.union(pairs);
  }

  /**
   * True when the segment's span folded calls of {@code stage}: a per-record stage has no
   * segments of its own, and its time on the path lies in its parents' segments.
   */
  private static boolean folds(AnalyzedRun run, String spanId, String stage) {
    SpanTree.Node n = run.tree().node(spanId);
    if (n == null) {
      return false;
    }
    for (FoldedAggregate f : n.span().folded()) {
      if (f.stage().equals(stage)) {
        return true;
      }
    }
    return false;
  }

  public static ResourceOverlap of(List<AnalyzedRun> runs, String stage) {
    return new ResourceOverlap(runs, stage);
  }

  /**
   * The stage's own critical-path time covered here (segments of its own spans, or of the
   * spans its calls were folded into), as a union: time shared by concurrent runs counts
   * once, as in {@link #gcNanos}.
   */
  public long totalNanos() {
    return segments.totalNanos();
  }

  /** Nanoseconds of GC pauses overlapping the stage's critical-path segments. */
  public long gcNanos(List<ResourceSample> samples) {
    return GcPauses.overlapNanos(samples, segments);
  }

  /**
   * Mean of the first series in {@code names} whose samples overlap the stage's segments;
   * -1 when none does.
   */
  public double meanWithin(List<ResourceSample> samples, List<String> names) {
    for (String name : names) {
      double m = meanWithin(samples, name);
      if (m >= 0) {
        return m;
      }
    }
    return -1;
  }

  /** Mean of one series over the stage's segments; -1 when it does not overlap them. */
  public double meanWithin(List<ResourceSample> samples, String name) {
    SampledSeries s = SampledSeries.of(name, samples);
    return s == null ? -1 : s.meanOver(segments);
  }
}
