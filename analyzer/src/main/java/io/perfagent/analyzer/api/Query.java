package io.perfagent.analyzer.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/** A request's query parameters, with checked getters that fail with a 400's message. */
final class Query {

  /** A parameter with a bad value: the message is the 400's. */
  static final class BadParameter extends Exception {
    private static final long serialVersionUID = 1L;

    BadParameter(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, String> values = new HashMap<>();

  Query(String rawQuery) {
    if (rawQuery == null) {
      return;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        values.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        values.putIfAbsent(k, v); // a stray % sign: take it as written
      }
    }
  }

  String string(String key, String absent) {
    String v = values.get(key);
    return v == null || v.isEmpty() ? absent : v;
  }

  int integer(String key, int absent, int min, int max) throws BadParameter {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      return absent;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new BadParameter(key + "=" + v + " is outside " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadParameter(key + "=" + v + " is not a whole number");
    }
  }

  /** Epoch milliseconds or an ISO-8601 instant, as epoch nanoseconds. */
  long instantNanos(String key, long absent) throws BadParameter {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      return absent;
    }
    try {
      return Math.multiplyExact(Long.parseLong(v.trim()), 1_000_000L);
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        Instant t = Instant.parse(v.trim());
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
      } catch (DateTimeParseException | ArithmeticException e2) {
        throw new BadParameter(key + "=" + v
            + " is neither epoch milliseconds nor an ISO-8601 instant (2026-01-31T12:00:00Z)");
      }
    }
  }
}
