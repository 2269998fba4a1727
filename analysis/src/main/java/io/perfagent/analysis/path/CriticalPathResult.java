package io.perfagent.analysis.path;

import java.util.List;

/**
 * The critical path of one run: segments in time order, summing exactly to the root's
 * duration, and the spans that were left out of the walk.
 */
public record CriticalPathResult(List<CriticalPathSegment> segments, List<LeftOutSpan> leftOut) {

  public CriticalPathResult {
    segments = List.copyOf(segments);
    leftOut = List.copyOf(leftOut);
  }

  public long totalNanos() {
    long t = 0;
    for (CriticalPathSegment s : segments) {
      t += s.durationNanos();
    }
    return t;
  }
}
