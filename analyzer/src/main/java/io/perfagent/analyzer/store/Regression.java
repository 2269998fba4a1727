package io.perfagent.analyzer.store;

/**
 * A regression or an improvement of one series of a pipeline's history, as stored.
 *
 * @param id 0 until stored
 * @param stage {@code ""} for the pipeline's own run wall time
 * @param metric {@code wall}, {@code p50}, {@code p95}, {@code cpu}, {@code alloc},
 *     {@code throughput} or {@code critical_path_share}
 * @param direction {@link #REGRESSION} or {@link #IMPROVEMENT}
 * @param change after / before - 1
 * @param unit {@code ns}, {@code bytes}, {@code records/s} or {@code ratio}
 * @param startRunNumber the first changed run's ordinal in the pipeline's history, 1 first
 */
public record Regression(long id, String pipeline, String stage, String metric,
    String direction, double change, double before, double after, String unit, double pValue,
    int runsBefore, int runsAfter, String startRunId, long startRunNumber,
    long startRunStartNanos, long detectedMillis, long updatedMillis, String text) {

  public static final String REGRESSION = "regression";
  public static final String IMPROVEMENT = "improvement";

  /** This finding with the id and detection time of the stored one it updates. */
  public Regression updating(Regression stored) {
    return new Regression(stored.id, pipeline, stage, metric, direction, change, before, after,
        unit, pValue, runsBefore, runsAfter, startRunId, startRunNumber, startRunStartNanos,
        stored.detectedMillis, updatedMillis, text);
  }

  Regression withId(long newId) {
    return new Regression(newId, pipeline, stage, metric, direction, change, before, after,
        unit, pValue, runsBefore, runsAfter, startRunId, startRunNumber, startRunStartNanos,
        detectedMillis, updatedMillis, text);
  }
}
