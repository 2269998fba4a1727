package io.perfagent.analyzer.regress;

import java.util.List;

/**
 * One metric of one stage (or of the pipeline's runs) over a pipeline's recent runs, oldest
 * first: {@code values[i]} was measured in run {@code runIds.get(i)}, which started at
 * {@code runStarts[i]}.
 *
 * @param stage {@code ""} for the pipeline's own run wall time
 * @param minAbsoluteChange the smallest change of the mean, in the metric's unit, worth a
 *     finding besides the relative minimum (0: none)
 */
public record Series(String pipeline, String stage, SeriesMetric metric, double[] values,
    List<String> runIds, long[] runStarts, double minAbsoluteChange) {

  public Series {
    runIds = List.copyOf(runIds);
    if (values.length != runIds.size() || runStarts.length != runIds.size()) {
      throw new IllegalArgumentException("a value, a run id and a start per run");
    }
  }

  /** The series' position of the first run that started at or after {@code startNanos}. */
  int positionOf(long startNanos) {
    int lo = 0;
    int hi = runStarts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (runStarts[mid] < startNanos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
