package io.perfagent.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.perfagent.agent.resource.ResourceTimeline;
import io.perfagent.analysis.model.TimelineAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the resource timeline over a run's top span as its {@code perf.timeline.*}
 * attributes ({@link TimelineAttributes}), so the collector-side analyzer joins the run with
 * what this machine did at the sampler's step, not at the metric exporter's interval.
 */
final class TimelineAttributesWriter {

  private TimelineAttributesWriter() {}

  static void write(ResourceTimeline timeline, long startEpochNanos, long endEpochNanos,
      AttributesBuilder a) {
    ResourceTimeline.Window w = timeline.window(startEpochNanos, endEpochNanos,
        TimelineAttributes.MAX_POINTS, TimelineAttributes.MAX_PAUSES);
    if (w == null) {
      return;
    }
    a.put(TimelineAttributes.INTERVAL_NS, w.intervalNanos());
    a.put(AttributeKey.longArrayKey(TimelineAttributes.TIMES), SpanConverter.longs(w.times()));
    for (Map.Entry<String, double[]> e : w.values().entrySet()) {
      List<Double> v = new ArrayList<>(e.getValue().length);
      for (double d : e.getValue()) {
        v.add(d);
      }
      a.put(AttributeKey.doubleArrayKey(TimelineAttributes.series(e.getKey())), v);
    }
    if (!w.gcPauses().isEmpty()) {
      List<Long> ends = new ArrayList<>(w.gcPauses().size());
      List<Long> durations = new ArrayList<>(w.gcPauses().size());
      for (long[] p : w.gcPauses()) {
        ends.add(p[0]);
        durations.add(p[1]);
      }
      a.put(AttributeKey.longArrayKey(TimelineAttributes.GC_END_TIMES), ends);
      a.put(AttributeKey.longArrayKey(TimelineAttributes.GC_DURATIONS_NS), durations);
    }
    if (w.morePauses() > 0) {
      a.put(TimelineAttributes.GC_MORE, (long) w.morePauses());
    }
  }
}
