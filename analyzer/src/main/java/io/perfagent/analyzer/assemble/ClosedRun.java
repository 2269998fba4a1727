package io.perfagent.analyzer.assemble;

import io.perfagent.analysis.model.StageSpan;
import java.util.List;

/**
 * A run whose trace went quiet after its root ended: what the analysis gets.
 *
 * @param runId the run's id, the same for every version: its trace id
 * @param version 1 for the first analysis, one more each time late spans re-open it
 * @param spans every span of the trace, each once
 * @param services the {@code service.name}s the spans came from
 * @param instances the {@code service.instance.id}s the spans came from (one per JVM)
 * @param closedEarly true when the open-trace bound closed it before its quiet period ended
 */
public record ClosedRun(String runId, int version, List<StageSpan> spans, List<String> services,
    List<String> instances, boolean closedEarly) {

  public ClosedRun {
    spans = List.copyOf(spans);
    services = List.copyOf(services);
    instances = List.copyOf(instances);
  }
}
