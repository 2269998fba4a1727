package io.perfagent.analyzer.assemble;

import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import java.util.List;
import java.util.Set;

/**
 * A run whose trace went quiet after its root ended: what the analysis gets.
 *
 * @param runId the run's id, the same for every version: its trace id
 * @param version 1 for the first analysis, one more each time late spans re-open it
 * @param spans every span of the trace, each once
 * @param services the {@code service.name}s the spans came from
 * @param instances the {@code service.instance.id}s the spans came from (one per JVM)
 * @param closedEarly true when the open-trace bound closed it before its quiet period ended
 * @param carried the resource samples its spans carried (and an earlier version was analysed
 *     with)
 * @param carriedBy the instances whose spans carried a timeline: the others' come from the
 *     metrics they sent
 */
public record ClosedRun(String runId, int version, List<StageSpan> spans, List<String> services,
    List<String> instances, boolean closedEarly, List<ResourceSample> carried,
    Set<String> carriedBy) {

  public ClosedRun {
    spans = List.copyOf(spans);
    services = List.copyOf(services);
    instances = List.copyOf(instances);
    carried = List.copyOf(carried);
    carriedBy = Set.copyOf(carriedBy);
  }

  /** A run with no resource timeline of its own. */
  public ClosedRun(String runId, int version, List<StageSpan> spans, List<String> services,
      List<String> instances, boolean closedEarly) {
    this(runId, version, spans, services, instances, closedEarly, List.of(), Set.of());
  }
}
