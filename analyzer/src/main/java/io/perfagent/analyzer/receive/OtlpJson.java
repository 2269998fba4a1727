package io.perfagent.analyzer.receive;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * OTLP/JSON, as the specification defines it: the Protobuf JSON mapping, except that trace
 * and span ids are hex strings, not base64. Protobuf's {@link JsonFormat} reads bytes as
 * base64, so the ids are rewritten from hex to base64 in the parsed tree first. Unknown fields
 * are ignored, as the specification asks of receivers.
 */
final class OtlpJson {

  /** The id fields, in both spellings the JSON mapping accepts. */
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId",
      "trace_id", "span_id", "parent_span_id");
  /** Deeper than any OTLP message, short of a stack overflow on hostile nesting. */
  private static final int MAX_DEPTH = 64;

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
      .omittingInsignificantWhitespace();

  private OtlpJson() {}

  /** Parses {@code body} into {@code into}; fails with a message fit for a 400. */
  static void merge(byte[] body, Message.Builder into) throws BodyReader.Malformed {
    JsonElement tree;
    try {
      tree = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
    } catch (JsonParseException | StackOverflowError e) {
      throw new BodyReader.Malformed("the body is not JSON: " + message(e));
    }
    if (!tree.isJsonObject()) {
      throw new BodyReader.Malformed("the body is not a JSON object");
    }
    hexIdsToBase64(tree, 0);
    try {
      PARSER.merge(tree.toString(), into);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new BodyReader.Malformed("the JSON is not an OTLP export request: " + message(e));
    }
  }

  static String print(MessageOrBuilder m) {
    try {
      return PRINTER.print(m);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e); // only for Any with unknown types, which we never print
    }
  }

  private static void hexIdsToBase64(JsonElement e, int depth) throws BodyReader.Malformed {
    if (depth > MAX_DEPTH) {
      throw new BodyReader.Malformed("the JSON nests deeper than " + MAX_DEPTH + " levels");
    }
    if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      for (JsonElement x : a) {
        hexIdsToBase64(x, depth + 1);
      }
    } else if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      for (Map.Entry<String, JsonElement> m : o.entrySet()) {
        JsonElement v = m.getValue();
        if (ID_FIELDS.contains(m.getKey()) && v.isJsonPrimitive()
            && v.getAsJsonPrimitive().isString()) {
          m.setValue(new JsonPrimitive(
              Base64.getEncoder().encodeToString(hex(m.getKey(), v.getAsString()))));
        } else {
          hexIdsToBase64(v, depth + 1);
        }
      }
    }
  }

  private static byte[] hex(String field, String s) throws BodyReader.Malformed {
    if (s.length() % 2 != 0) {
      throw new BodyReader.Malformed(field + " '" + clip(s) + "' is not hex (OTLP/JSON ids are hex)");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new BodyReader.Malformed(field + " '" + clip(s)
            + "' is not hex (OTLP/JSON ids are hex)");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    return m.length() <= 200 ? m : m.substring(0, 200) + "…";
  }
}
