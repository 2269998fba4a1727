package io.perfagent.analyzer.assemble;

import io.perfagent.analysis.model.StageSpan;
import java.util.List;

/** The runs already stored, for a late span that re-opens one. */
@FunctionalInterface
public interface PriorRuns {

  /** A stored run's latest version and spans. */
  record Prior(int version, List<StageSpan> spans, List<String> services,
      List<String> instances) {}

  /** The stored run of {@code traceId}, or null when there is none. */
  Prior find(String traceId);
}
