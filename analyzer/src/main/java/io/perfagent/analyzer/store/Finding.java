package io.perfagent.analyzer.store;

/**
 * A bottleneck or a recommendation of a stored run.
 *
 * @param kind {@code bottleneck} or {@code recommendation}
 * @param category a bottleneck's kind ({@code cpu}, {@code wait}, ...); {@code ""} for a
 *     recommendation
 * @param share a bottleneck's share of the critical path; 0 for a recommendation
 * @param text a bottleneck's evidence, a recommendation's advice
 * @param evidence a recommendation's evidence; {@code ""} for a bottleneck
 */
public record Finding(String runId, String pipeline, String kind, int rank, String stage,
    String category, double share, String text, String evidence) {

  public static final String BOTTLENECK = "bottleneck";
  public static final String RECOMMENDATION = "recommendation";
}
