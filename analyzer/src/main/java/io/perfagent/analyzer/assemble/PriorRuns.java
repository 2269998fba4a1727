package io.perfagent.analyzer.assemble;

import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import java.util.List;

/** The runs already stored, for a late span that re-opens one. */
@FunctionalInterface
public interface PriorRuns {

  /** A stored run's latest version, spans and the resource samples it was analysed with. */
  record Prior(int version, List<StageSpan> spans, List<String> services,
      List<String> instances, List<ResourceSample> samples) {}

  /** The stored run of {@code traceId}, or null when there is none. */
  Prior find(String traceId);
}
