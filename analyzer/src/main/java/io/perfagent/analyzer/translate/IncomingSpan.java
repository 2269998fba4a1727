package io.perfagent.analyzer.translate;

import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import java.util.List;

/**
 * A stage span as received, with the process it came from.
 *
 * @param service the resource's {@code service.name}, {@code ""} when absent
 * @param instance the resource's {@code service.instance.id}, {@code ""} when absent
 * @param timeline the resource timeline it carried (a run's top span in its process), most
 *     often none
 */
public record IncomingSpan(StageSpan span, String service, String instance,
    List<ResourceSample> timeline) {

  public IncomingSpan(StageSpan span, String service, String instance) {
    this(span, service, instance, List.of());
  }
}
