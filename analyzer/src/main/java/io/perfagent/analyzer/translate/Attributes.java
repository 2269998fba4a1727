package io.perfagent.analyzer.translate;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP attribute values read leniently (OTLP/JSON may send ints as strings), and a resource's
 * attribute list read by key.
 */
final class Attributes {

  private final Map<String, AnyValue> byKey;

  private Attributes(Map<String, AnyValue> byKey) {
    this.byKey = byKey;
  }

  static Attributes of(List<KeyValue> list) {
    Map<String, AnyValue> m = new LinkedHashMap<>(list.size() * 2);
    for (KeyValue kv : list) {
      m.put(kv.getKey(), kv.getValue());
    }
    return new Attributes(m);
  }

  String string(String key) {
    return string(byKey.get(key));
  }

  static String string(AnyValue v) {
    if (v == null) {
      return "";
    }
    switch (v.getValueCase()) {
      case STRING_VALUE: return v.getStringValue();
      case INT_VALUE: return Long.toString(v.getIntValue());
      case BOOL_VALUE: return Boolean.toString(v.getBoolValue());
      case DOUBLE_VALUE: return Double.toString(v.getDoubleValue());
      default: return "";
    }
  }

  static long number(AnyValue v, long absent) {
    if (v == null) {
      return absent;
    }
    switch (v.getValueCase()) {
      case INT_VALUE: return v.getIntValue();
      case DOUBLE_VALUE: return Math.round(v.getDoubleValue());
      case STRING_VALUE:
        try {
          return Long.parseLong(v.getStringValue().trim());
        } catch (NumberFormatException e) {
          return absent;
        }
      default: return absent;
    }
  }

  /** A long array attribute; empty when absent or not an array. */
  static long[] numbers(AnyValue v) {
    if (v == null || !v.hasArrayValue()) {
      return new long[0];
    }
    List<AnyValue> values = v.getArrayValue().getValuesList();
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(values.get(i), 0);
    }
    return out;
  }

  /** A number array attribute as doubles (NaN stays NaN); empty when absent or not an array. */
  static double[] doubles(AnyValue v) {
    if (v == null || !v.hasArrayValue()) {
      return new double[0];
    }
    List<AnyValue> values = v.getArrayValue().getValuesList();
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      AnyValue x = values.get(i);
      out[i] = x.hasDoubleValue() ? x.getDoubleValue()
          : x.hasIntValue() ? x.getIntValue() : Double.NaN;
    }
    return out;
  }
}
