package io.perfagent.it.collector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spans of an OTLP/JSON traces document, as Jaeger's {@code /api/v3/traces/{id}} answers
 * ({@code result.resourceSpans[].scopeSpans[].spans[]}), each with its resource's
 * {@code service.name} and its attributes as text.
 */
public final class OtlpJsonSpans {

  private OtlpJsonSpans() {}

  /** One span: ids as lower-case hex, the parent's empty for a root. */
  public record Span(String traceId, String spanId, String parentSpanId, String name,
      String service, Map<String, String> attributes) {

    /** The attribute's value as text; empty when absent. */
    public String attribute(String key) {
      return attributes.getOrDefault(key, "");
    }
  }

  public static List<Span> of(JsonNode document) {
    JsonNode root = document.has("result") ? document.path("result") : document;
    List<Span> out = new ArrayList<>();
    for (JsonNode rs : root.path("resourceSpans")) {
      String service = attributes(rs.path("resource").path("attributes"))
          .getOrDefault("service.name", "");
      for (JsonNode ss : rs.path("scopeSpans")) {
        for (JsonNode s : ss.path("spans")) {
          out.add(new Span(s.path("traceId").asText().toLowerCase(),
              s.path("spanId").asText().toLowerCase(),
              s.path("parentSpanId").asText().toLowerCase(), s.path("name").asText(), service,
              attributes(s.path("attributes"))));
        }
      }
    }
    return out;
  }

  /** The spans whose {@code perf.stage} is {@code stage}. */
  public static List<Span> stage(List<Span> spans, String stage) {
    return spans.stream().filter(s -> s.attribute("perf.stage").equals(stage)).toList();
  }

  /** One line per span: name, service, parent, and the {@code perf.*} attributes. */
  public static String describe(List<Span> spans) {
    StringBuilder b = new StringBuilder();
    for (Span s : spans) {
      Map<String, String> perf = new TreeMap<>();
      s.attributes().forEach((k, v) -> {
        if (k.startsWith("perf.")) {
          perf.put(k, v);
        }
      });
      b.append("\n  ").append(s.name()).append(" [").append(s.service()).append("] span ")
          .append(s.spanId()).append(" parent ")
          .append(s.parentSpanId().isEmpty() ? "-" : s.parentSpanId()).append(' ').append(perf);
    }
    return b.toString();
  }

  private static Map<String, String> attributes(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode kv : list) {
      JsonNode v = kv.path("value");
      String text = v.has("stringValue") ? v.path("stringValue").asText()
          : v.has("intValue") ? v.path("intValue").asText()
          : v.has("boolValue") ? v.path("boolValue").asText()
          : v.has("doubleValue") ? v.path("doubleValue").asText() : v.toString();
      out.put(kv.path("key").asText(), text);
    }
    return out;
  }
}
