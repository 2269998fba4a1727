package io.perfagent.agent.resource;

import io.perfagent.bootstrap.resource.ResourceWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * What the sources write during one tick: every value goes to {@link Readings} at once; the
 * series the timeline keeps are combined across devices and committed at the end of the tick
 * under the tick's time, so all of one tick's points share a timestamp.
 */
final class TickWriter implements ResourceWriter {

  private final Readings readings;
  private final ResourceTimeline timeline;
  private final Map<String, Double> tick = new HashMap<>();

  TickWriter(Readings readings, ResourceTimeline timeline) {
    this.readings = readings;
    this.timeline = timeline;
  }

  @Override
  public void gauge(String name, String unit, double value, String... attributes) {
    SeriesKey key = SeriesKey.of(name, unit, attributes);
    readings.gauge(key, value);
    if (TimelineSeries.kept(key) && Double.isFinite(value)) {
      tick.merge(name, value, (a, b) -> TimelineSeries.combine(name, a, b));
    }
  }

  @Override
  public void counter(String name, String unit, double total, String... attributes) {
    readings.counter(SeriesKey.of(name, unit, attributes), total);
  }

  @Override
  public void event(String name, String unit, long endEpochNanos, double value,
      String... attributes) {
    readings.event(SeriesKey.of(name, unit, attributes), endEpochNanos, value);
    if (name.equals(TimelineSeries.GC_DURATION) && value > 0) {
      timeline.gcPause(endEpochNanos, value);
    }
  }

  /** Puts this tick's combined points on the timeline. */
  void commit(long tickEpochNanos) {
    for (Map.Entry<String, Double> e : tick.entrySet()) {
      timeline.add(e.getKey(), tickEpochNanos, e.getValue());
    }
    tick.clear();
  }
}
