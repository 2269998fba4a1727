package io.perfagent.agent.resource;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest value of every gauge and counter series, read by OpenTelemetry's asynchronous
 * instruments when a metric reader collects, and the events (GC pauses, sampler ticks) not yet
 * recorded into their histograms. Written by the sampler thread only. Bounded: a source writes
 * a fixed set of series, and at most {@link #MAX_SERIES} are kept (the rest are counted).
 */
public final class Readings {

  public static final int MAX_SERIES = 4096;
  private static final int MAX_PENDING_EVENTS = 4096;

  /** A point event waiting for its histogram. */
  public record Event(SeriesKey key, long endEpochNanos, double value) {}

  private final Map<SeriesKey, Double> gauges = new ConcurrentHashMap<>();
  private final Map<SeriesKey, Double> counters = new ConcurrentHashMap<>();
  private final ArrayBlockingQueue<Event> events = new ArrayBlockingQueue<>(MAX_PENDING_EVENTS);
  private final AtomicLong dropped = new AtomicLong();

  void gauge(SeriesKey key, double value) {
    put(gauges, key, value);
  }

  void counter(SeriesKey key, double total) {
    put(counters, key, total);
  }

  void event(SeriesKey key, long endEpochNanos, double value) {
    if (!events.offer(new Event(key, endEpochNanos, value))) {
      dropped.incrementAndGet();
    }
  }

  private void put(Map<SeriesKey, Double> map, SeriesKey key, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return;
    }
    if (map.size() >= MAX_SERIES && !map.containsKey(key)) {
      dropped.incrementAndGet();
      return;
    }
    map.put(key, value);
  }

  public Map<SeriesKey, Double> gauges() {
    return gauges;
  }

  public Map<SeriesKey, Double> counters() {
    return counters;
  }

  /** Takes the next pending event, or null. */
  public Event pollEvent() {
    return events.poll();
  }

  /** Readings not kept: past the series bound, or events past the pending bound. */
  public long dropped() {
    return dropped.get();
  }
}
