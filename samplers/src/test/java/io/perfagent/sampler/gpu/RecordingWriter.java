package io.perfagent.sampler.gpu;

import io.perfagent.bootstrap.resource.ResourceWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps every write, for asserting on; shared by the gpu and accel tests. */
public final class RecordingWriter implements ResourceWriter {

  public enum Kind {
    GAUGE,
    COUNTER,
    EVENT
  }

  public record Point(Kind kind, String name, String unit, double value, Map<String, String> attrs) {}

  private final List<Point> points = new ArrayList<>();

  @Override
  public void gauge(String name, String unit, double value, String... attributes) {
    points.add(new Point(Kind.GAUGE, name, unit, value, attrs(attributes)));
  }

  @Override
  public void counter(String name, String unit, double total, String... attributes) {
    points.add(new Point(Kind.COUNTER, name, unit, total, attrs(attributes)));
  }

  @Override
  public void event(
      String name, String unit, long endEpochNanos, double value, String... attributes) {
    points.add(new Point(Kind.EVENT, name, unit, value, attrs(attributes)));
  }

  public List<Point> points() {
    return points;
  }

  public void clear() {
    points.clear();
  }

  /** The one point with this name whose attributes include {@code key=value}. */
  public Optional<Point> find(String name, String key, String value) {
    List<Point> found =
        points.stream()
            .filter(p -> p.name().equals(name) && value.equals(p.attrs().get(key)))
            .toList();
    if (found.size() > 1) {
      throw new AssertionError("more than one " + name + " with " + key + "=" + value + ": " + found);
    }
    return found.stream().findFirst();
  }

  public List<Point> named(String name) {
    return points.stream().filter(p -> p.name().equals(name)).toList();
  }

  private static Map<String, String> attrs(String[] kv) {
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
