package io.perfagent.analyzer.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of {@code POST /api/alerts/{id}/ack}: {@code {"by": "alice"}}, at most
 * {@link #MAX_BYTES} bytes, {@code by} 1 to {@link #MAX_BY} characters without control
 * characters. Anything else is a {@link Query.BadParameter} (a 400), never an exception
 * that escapes.
 */
final class AckBody {

  static final int MAX_BYTES = 4096;
  static final int MAX_BY = 100;

  private AckBody() {}

  /** Who acknowledges, from the request body. */
  static String by(InputStream body) throws IOException, Query.BadParameter {
    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new Query.BadParameter("the body is larger than " + MAX_BYTES + " bytes");
    }
    JsonElement tree;
    try {
      tree = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonParseException | IllegalStateException e) {
      throw new Query.BadParameter("the body is not JSON: expected {\"by\": \"name\"}");
    }
    if (!tree.isJsonObject() || !tree.getAsJsonObject().has("by")
        || !tree.getAsJsonObject().get("by").isJsonPrimitive()
        || !tree.getAsJsonObject().get("by").getAsJsonPrimitive().isString()) {
      throw new Query.BadParameter("expected {\"by\": \"name\"}");
    }
    String by = tree.getAsJsonObject().get("by").getAsString().strip();
    if (by.isEmpty() || by.length() > MAX_BY) {
      throw new Query.BadParameter("by must be 1 to " + MAX_BY + " characters");
    }
    if (by.chars().anyMatch(Character::isISOControl)) {
      throw new Query.BadParameter("by must not hold control characters");
    }
    return by;
  }
}
