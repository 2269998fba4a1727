package io.perfagent.agent.export;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.perfagent.agent.resource.Readings;
import io.perfagent.agent.resource.SeriesKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resource readings as OpenTelemetry instruments: an asynchronous gauge or counter per
 * metric name, registered the first time a source writes it and read from {@link Readings}
 * when the metric reader collects; events (GC pauses, sampler ticks) recorded into
 * histograms. {@link #sync} runs on the sampler thread after each tick.
 */
public final class ResourceInstruments {

  /** Bucket boundaries in seconds: the semantic conventions' for GC, finer for the sampler. */
  private static final Map<String, List<Double>> BUCKETS = Map.of(
      "jvm.gc.duration", List.of(0.01, 0.1, 1.0, 10.0),
      "perf.sampler.duration", List.of(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01));

  private final Meter meter;
  private final Readings readings;
  private final Set<String> gauges = new HashSet<>();
  private final Set<String> counters = new HashSet<>();
  private final Map<String, DoubleHistogram> histograms = new HashMap<>();
  private final Map<SeriesKey, Attributes> attributes = new ConcurrentHashMap<>();

  public ResourceInstruments(Meter meter, Readings readings) {
    this.meter = meter;
    this.readings = readings;
  }

  public void sync() {
    for (SeriesKey key : readings.gauges().keySet()) {
      if (gauges.add(key.name())) {
        String name = key.name();
        meter.gaugeBuilder(name).setUnit(key.unit()).buildWithCallback(m ->
            readings.gauges().forEach((k, v) -> {
              if (k.name().equals(name)) {
                m.record(v, attributes(k));
              }
            }));
      }
    }
    for (SeriesKey key : readings.counters().keySet()) {
      if (counters.add(key.name())) {
        String name = key.name();
        meter.counterBuilder(name).ofDoubles().setUnit(key.unit()).buildWithCallback(m ->
            readings.counters().forEach((k, v) -> {
              if (k.name().equals(name)) {
                m.record(v, attributes(k));
              }
            }));
      }
    }
    for (Readings.Event e = readings.pollEvent(); e != null; e = readings.pollEvent()) {
      histogram(e.key()).record(e.value(), attributes(e.key()));
    }
  }

  private DoubleHistogram histogram(SeriesKey key) {
    return histograms.computeIfAbsent(key.name(), n -> {
      var b = meter.histogramBuilder(n).setUnit(key.unit());
      List<Double> bounds = BUCKETS.get(n);
      if (bounds != null) {
        b.setExplicitBucketBoundariesAdvice(bounds);
      }
      return b.build();
    });
  }

  private Attributes attributes(SeriesKey key) {
    return attributes.computeIfAbsent(key, k -> {
      AttributesBuilder b = Attributes.builder();
      List<String> kv = k.attributes();
      for (int i = 0; i + 1 < kv.size(); i += 2) {
        b.put(kv.get(i), kv.get(i + 1));
      }
      return b.build();
    });
  }
}
