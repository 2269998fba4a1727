package io.perfagent.agent.resource;

import java.util.List;

/**
 * One series: a metric name and its attributes (key, value pairs in the order the source
 * wrote them; a source writes them in a fixed order, so equal series compare equal).
 */
public record SeriesKey(String name, String unit, List<String> attributes) {

  public static SeriesKey of(String name, String unit, String... attributes) {
    return new SeriesKey(name, unit, List.of(attributes));
  }

  /** The value of attribute {@code key}, or null. */
  public String attribute(String key) {
    for (int i = 0; i + 1 < attributes.size(); i += 2) {
      if (attributes.get(i).equals(key)) {
        return attributes.get(i + 1);
      }
    }
    return null;
  }
}
