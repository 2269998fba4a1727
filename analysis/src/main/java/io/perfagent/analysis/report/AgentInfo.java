package io.perfagent.analysis.report;

import java.util.Map;

/**
 * What the producer of the spans says about itself.
 *
 * @param counters further counts it wants reported (e.g. dropped folds), by JSON name
 */
public record AgentInfo(String version, long droppedSpans, Map<String, Long> counters) {

  public AgentInfo {
    version = version == null ? "" : version;
    counters = Map.copyOf(counters);
  }
}
