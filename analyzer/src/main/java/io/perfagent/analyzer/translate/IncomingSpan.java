package io.perfagent.analyzer.translate;

import io.perfagent.analysis.model.StageSpan;

/**
 * A stage span as received, with the process it came from.
 *
 * @param service the resource's {@code service.name}, {@code ""} when absent
 * @param instance the resource's {@code service.instance.id}, {@code ""} when absent
 */
public record IncomingSpan(StageSpan span, String service, String instance) {}
