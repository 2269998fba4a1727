package io.perfagent.it.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place where OTLP protos become {@link ReceivedSpan} and {@link ReceivedMetric}. */
public final class OtlpDecoding {

  private static final HexFormat HEX = HexFormat.of();

  private OtlpDecoding() {}

  /** Every span of the request, in request order. */
  public static List<ReceivedSpan> spans(ExportTraceServiceRequest request) {
    List<ReceivedSpan> out = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        String scopeName = ss.getScope().getName();
        String scopeVersion = ss.getScope().getVersion();
        for (Span s : ss.getSpansList()) {
          List<ReceivedEvent> events = new ArrayList<>();
          for (Span.Event e : s.getEventsList()) {
            events.add(new ReceivedEvent(e.getName(), e.getTimeUnixNano(),
                attributes(e.getAttributesList())));
          }
          out.add(new ReceivedSpan(
              hex(s.getTraceId()),
              hex(s.getSpanId()),
              hex(s.getParentSpanId()),
              s.getName(),
              stripPrefix(s.getKind().name(), "SPAN_KIND_"),
              s.getStartTimeUnixNano(),
              s.getEndTimeUnixNano(),
              stripPrefix(s.getStatus().getCode().name(), "STATUS_CODE_"),
              s.getStatus().getMessage(),
              attributes(s.getAttributesList()),
              Collections.unmodifiableList(events),
              resource,
              scopeName,
              scopeVersion));
        }
      }
    }
    return out;
  }

  /** Every metric of the request, in request order. */
  public static List<ReceivedMetric> metrics(ExportMetricsServiceRequest request) {
    List<ReceivedMetric> out = new ArrayList<>();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      Map<String, Object> resource = attributes(rm.getResource().getAttributesList());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        String scope = sm.getScope().getName();
        for (Metric m : sm.getMetricsList()) {
          out.add(metric(resource, scope, m));
        }
      }
    }
    return out;
  }

  private static ReceivedMetric metric(Map<String, Object> resource, String scope, Metric m) {
    List<ReceivedMetric.Point> points = new ArrayList<>();
    ReceivedMetric.Type type;
    ReceivedMetric.Temporality temporality = ReceivedMetric.Temporality.NONE;
    boolean monotonic = false;
    switch (m.getDataCase()) {
      case GAUGE -> {
        type = ReceivedMetric.Type.GAUGE;
        m.getGauge().getDataPointsList().forEach(p -> points.add(number(p)));
      }
      case SUM -> {
        type = ReceivedMetric.Type.SUM;
        temporality = temporality(m.getSum().getAggregationTemporality());
        monotonic = m.getSum().getIsMonotonic();
        m.getSum().getDataPointsList().forEach(p -> points.add(number(p)));
      }
      case HISTOGRAM -> {
        type = ReceivedMetric.Type.HISTOGRAM;
        temporality = temporality(m.getHistogram().getAggregationTemporality());
        for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
          points.add(new ReceivedMetric.Point(attributes(p.getAttributesList()),
              p.getStartTimeUnixNano(), p.getTimeUnixNano(), null, p.getCount(),
              p.hasSum() ? p.getSum() : Double.NaN,
              p.hasMin() ? p.getMin() : null, p.hasMax() ? p.getMax() : null,
              List.copyOf(p.getBucketCountsList()), List.copyOf(p.getExplicitBoundsList())));
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        type = ReceivedMetric.Type.EXPONENTIAL_HISTOGRAM;
        temporality = temporality(m.getExponentialHistogram().getAggregationTemporality());
        for (ExponentialHistogramDataPoint p :
            m.getExponentialHistogram().getDataPointsList()) {
          points.add(new ReceivedMetric.Point(attributes(p.getAttributesList()),
              p.getStartTimeUnixNano(), p.getTimeUnixNano(), null, p.getCount(),
              p.hasSum() ? p.getSum() : Double.NaN,
              p.hasMin() ? p.getMin() : null, p.hasMax() ? p.getMax() : null,
              List.of(), List.of()));
        }
      }
      case SUMMARY -> {
        type = ReceivedMetric.Type.SUMMARY;
        for (SummaryDataPoint p : m.getSummary().getDataPointsList()) {
          points.add(new ReceivedMetric.Point(attributes(p.getAttributesList()),
              p.getStartTimeUnixNano(), p.getTimeUnixNano(), null, p.getCount(), p.getSum(),
              null, null, List.of(), List.of()));
        }
      }
      default -> throw new IllegalArgumentException("metric " + m.getName() + " has no data");
    }
    return new ReceivedMetric(resource, scope, m.getName(), m.getDescription(), m.getUnit(), type,
        temporality, monotonic, Collections.unmodifiableList(points));
  }

  private static ReceivedMetric.Point number(NumberDataPoint p) {
    Number value = switch (p.getValueCase()) {
      case AS_INT -> p.getAsInt();
      case AS_DOUBLE -> p.getAsDouble();
      default -> null;
    };
    return new ReceivedMetric.Point(attributes(p.getAttributesList()), p.getStartTimeUnixNano(),
        p.getTimeUnixNano(), value, 0, Double.NaN, null, null, List.of(), List.of());
  }

  private static ReceivedMetric.Temporality temporality(AggregationTemporality t) {
    return switch (t) {
      case AGGREGATION_TEMPORALITY_CUMULATIVE -> ReceivedMetric.Temporality.CUMULATIVE;
      case AGGREGATION_TEMPORALITY_DELTA -> ReceivedMetric.Temporality.DELTA;
      default -> ReceivedMetric.Temporality.NONE;
    };
  }

  /** Attributes as an insertion-ordered, unmodifiable map of plain Java values. */
  public static Map<String, Object> attributes(List<KeyValue> kvs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      Object v = value(kv.getValue());
      if (v != null) {
        out.put(kv.getKey(), v);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** String, Boolean, Long, Double, byte[], List or Map; null for an empty value. */
  public static Object value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case INT_VALUE -> v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case BYTES_VALUE -> v.getBytesValue().toByteArray();
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>();
        for (AnyValue e : v.getArrayValue().getValuesList()) {
          list.add(value(e));
        }
        yield Collections.unmodifiableList(list);
      }
      case KVLIST_VALUE -> attributes(v.getKvlistValue().getValuesList());
      default -> null;
    };
  }

  private static String hex(ByteString bytes) {
    return bytes.isEmpty() ? "" : HEX.formatHex(bytes.toByteArray());
  }

  private static String stripPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }
}
