package io.perfagent.analyzer.translate;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.TimelineAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's resource timeline out of its top span's {@code perf.timeline.*} attributes
 * ({@link TimelineAttributes}) into samples. Whatever does not fit the format (arrays of
 * other lengths, times out of order, unknown series, values that are not finite) is left out
 * and counted: a broken timeline costs its own figures, never the span.
 */
final class TimelineReader {

  private TimelineReader() {}

  /**
   * The samples, and how many values were left out (a series or pause array that does not fit;
   * NaN, the agent's "no point in this step", is not counted).
   */
  record Read(List<ResourceSample> samples, long leftOut) {}

  static Read samples(Map<String, AnyValue> attributes) {
    List<ResourceSample> out = new ArrayList<>();
    long leftOut = 0;
    long[] times = Attributes.numbers(attributes.get(TimelineAttributes.TIMES));
    boolean ascending = ascending(times);
    for (Map.Entry<String, AnyValue> e : attributes.entrySet()) {
      String name = e.getKey().substring(TimelineAttributes.PREFIX.length());
      if (!ResourceSamples.NAMES.contains(name)) {
        continue; // the format's own keys, or a series the analysis does not read
      }
      double[] values = Attributes.doubles(e.getValue());
      if (!ascending || values.length != times.length) {
        leftOut += values.length;
        continue;
      }
      for (int i = 0; i < times.length; i++) {
        if (Double.isFinite(values[i])) {
          out.add(new ResourceSample(times[i], name, values[i]));
        } else if (!Double.isNaN(values[i])) {
          leftOut++;
        }
      }
    }
    long[] ends = Attributes.numbers(attributes.get(TimelineAttributes.GC_END_TIMES));
    long[] durations = Attributes.numbers(attributes.get(TimelineAttributes.GC_DURATIONS_NS));
    if (ends.length == durations.length) {
      for (int i = 0; i < ends.length; i++) {
        if (durations[i] > 0) {
          out.add(new ResourceSample(ends[i], ResourceNames.GC_DURATION, durations[i] / 1e9));
        }
      }
    } else {
      leftOut += Math.max(ends.length, durations.length);
    }
    return new Read(out, leftOut);
  }

  private static boolean ascending(long[] times) {
    for (int i = 1; i < times.length; i++) {
      if (times[i] <= times[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
