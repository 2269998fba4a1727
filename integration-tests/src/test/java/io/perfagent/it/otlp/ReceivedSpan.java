package io.perfagent.it.otlp;

import java.util.List;
import java.util.Map;

/**
 * One span as received over OTLP, flattened with its resource and scope.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId 16 lower-case hex digits
 * @param parentSpanId 16 hex digits, or {@code ""} for a root span
 * @param kind {@code INTERNAL}, {@code SERVER}, ... (the proto enum without its prefix)
 * @param statusCode {@code UNSET}, {@code OK} or {@code ERROR}
 * @param attributes values are String, Long, Double, Boolean, List or Map
 */
public record ReceivedSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    long startEpochNanos,
    long endEpochNanos,
    String statusCode,
    String statusMessage,
    Map<String, Object> attributes,
    List<ReceivedEvent> events,
    Map<String, Object> resource,
    String scopeName,
    String scopeVersion) {

  public long durationNanos() {
    return endEpochNanos - startEpochNanos;
  }

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  /** The attribute, or null. */
  public Object attr(String key) {
    return attributes.get(key);
  }

  /** The string attribute; fails with the whole span in the message when absent or not a string. */
  public String stringAttr(String key) {
    Object v = attributes.get(key);
    if (!(v instanceof String s)) {
      throw new AssertionError("span '" + name + "': attribute " + key + " is not a string: " + v
          + " in " + this);
    }
    return s;
  }

  /** The long attribute; fails with the whole span in the message when absent or not a long. */
  public long longAttr(String key) {
    Object v = attributes.get(key);
    if (!(v instanceof Long l)) {
      throw new AssertionError("span '" + name + "': attribute " + key + " is not a long: " + v
          + " in " + this);
    }
    return l;
  }

  /** {@code perf.stage}, or the span name when the attribute is absent. */
  public String stage() {
    Object v = attributes.get("perf.stage");
    return v instanceof String s ? s : name;
  }

  /** Short form for failure messages. */
  public String brief() {
    return name + "[span=" + spanId + " parent=" + parentSpanId + " trace=" + traceId
        + " stage=" + attributes.get("perf.stage") + " thread=" + attributes.get("thread.name")
        + " dur=" + durationNanos() + "ns]";
  }
}
