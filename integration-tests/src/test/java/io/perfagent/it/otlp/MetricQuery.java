package io.perfagent.it.otlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Combines the points of one metric over all export requests into one point per attribute
 * set: the latest point for cumulative and gauge data, the sum of all points for delta data.
 */
public final class MetricQuery {

  private MetricQuery() {}

  /** Every received metric instance named {@code name}. */
  public static List<ReceivedMetric> named(List<ReceivedMetric> metrics, String name) {
    List<ReceivedMetric> out = new ArrayList<>();
    for (ReceivedMetric m : metrics) {
      if (m.name().equals(name)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Attribute set → combined point, for the points of {@code name} whose attributes match. */
  public static Map<Map<String, Object>, ReceivedMetric.Point> combined(
      List<ReceivedMetric> metrics, String name, Predicate<Map<String, Object>> attributes) {
    Map<Map<String, Object>, ReceivedMetric.Point> out = new LinkedHashMap<>();
    for (ReceivedMetric m : named(metrics, name)) {
      for (ReceivedMetric.Point p : m.points()) {
        if (!attributes.test(p.attributes())) {
          continue;
        }
        ReceivedMetric.Point prev = out.get(p.attributes());
        if (prev == null) {
          out.put(p.attributes(), p);
        } else if (m.temporality() == ReceivedMetric.Temporality.DELTA) {
          out.put(p.attributes(), add(prev, p));
        } else if (p.timeEpochNanos() >= prev.timeEpochNanos()) {
          out.put(p.attributes(), p);
        }
      }
    }
    return out;
  }

  /** The combined point of {@code name} with {@code key=value} among its attributes, or null. */
  public static ReceivedMetric.Point single(
      List<ReceivedMetric> metrics, String name, String key, Object value) {
    Map<Map<String, Object>, ReceivedMetric.Point> all =
        combined(metrics, name, a -> value.equals(a.get(key)));
    if (all.size() > 1) {
      throw new AssertionError(name + " has " + all.size() + " attribute sets with " + key + "="
          + value + ": " + all.keySet());
    }
    return all.isEmpty() ? null : all.values().iterator().next();
  }

  private static ReceivedMetric.Point add(ReceivedMetric.Point a, ReceivedMetric.Point b) {
    Number value = null;
    if (a.value() != null && b.value() != null) {
      value = (a.value() instanceof Long && b.value() instanceof Long)
          ? (Number) (a.value().longValue() + b.value().longValue())
          : (Number) (a.value().doubleValue() + b.value().doubleValue());
    }
    Double min = a.min() == null ? b.min() : b.min() == null ? a.min() : Math.min(a.min(), b.min());
    Double max = a.max() == null ? b.max() : b.max() == null ? a.max() : Math.max(a.max(), b.max());
    return new ReceivedMetric.Point(a.attributes(), Math.min(a.startEpochNanos(),
        b.startEpochNanos()), Math.max(a.timeEpochNanos(), b.timeEpochNanos()), value,
        a.count() + b.count(), a.sum() + b.sum(), min, max, List.of(), List.of());
  }
}
