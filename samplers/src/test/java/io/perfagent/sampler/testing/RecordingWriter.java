package io.perfagent.sampler.testing;

import io.perfagent.bootstrap.resource.ResourceWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps everything a source wrote, for assertions. */
public final class RecordingWriter implements ResourceWriter {

  /** What one call wrote; {@code kind} is gauge, counter or event. */
  public record Point(
      String kind, String name, String unit, double value, long endEpochNanos, Map<String, String> attributes) {

    public String attr(String key) {
      return attributes.get(key);
    }
  }

  private final List<Point> points = new ArrayList<>();

  @Override
  public void gauge(String name, String unit, double value, String... attributes) {
    points.add(new Point("gauge", name, unit, value, 0, map(attributes)));
  }

  @Override
  public void counter(String name, String unit, double total, String... attributes) {
    points.add(new Point("counter", name, unit, total, 0, map(attributes)));
  }

  @Override
  public void event(String name, String unit, long endEpochNanos, double value, String... attributes) {
    points.add(new Point("event", name, unit, value, endEpochNanos, map(attributes)));
  }

  public List<Point> points() {
    return points;
  }

  public List<Point> named(String name) {
    return points.stream().filter(p -> p.name().equals(name)).toList();
  }

  public Optional<Point> first(String name) {
    return points.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The one point with this name whose attributes include {@code key=value}. */
  public Optional<Point> find(String name, String key, String value) {
    List<Point> found =
        points.stream().filter(p -> p.name().equals(name) && value.equals(p.attr(key))).toList();
    if (found.size() > 1) {
      throw new AssertionError("more than one " + name + " with " + key + "=" + value + ": " + found);
    }
    return found.stream().findFirst();
  }

  public void clear() {
    points.clear();
  }

  private static Map<String, String> map(String... kv) {
    if (kv.length % 2 != 0) {
      throw new AssertionError("odd attribute list " + Arrays.toString(kv));
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (m.put(kv[i], kv[i + 1]) != null) {
        throw new AssertionError("duplicate attribute " + kv[i]);
      }
    }
    return m;
  }
}
