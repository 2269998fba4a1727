package io.perfagent.analysis.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer: objects, arrays, strings escaped per RFC 8259, numbers
 * (non-finite doubles become {@code null}, since JSON has no NaN). Commas and indentation are
 * tracked here so callers only say what comes next. Not thread-safe.
 */
public final class JsonWriter {

  private final StringBuilder out = new StringBuilder(4096);
  private final Deque<int[]> stack = new ArrayDeque<>(); // per level: {count, isObject}
  private final boolean pretty;
  private boolean afterName;

  public JsonWriter(boolean pretty) {
    this.pretty = pretty;
  }

  public JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    stack.push(new int[] {0, 1});
    return this;
  }

  public JsonWriter endObject() {
    return end('}');
  }

  public JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    stack.push(new int[] {0, 0});
    return this;
  }

  public JsonWriter endArray() {
    return end(']');
  }

  public JsonWriter name(String name) {
    int[] top = stack.peek();
    if (top == null || top[1] != 1 || afterName) {
      throw new IllegalStateException("a name belongs directly in an object");
    }
    separate(top);
    string(name);
    out.append(pretty ? ": " : ":");
    afterName = true;
    return this;
  }

  public JsonWriter value(String v) {
    if (v == null) {
      return nullValue();
    }
    beforeValue();
    string(v);
    return this;
  }

  public JsonWriter value(long v) {
    beforeValue();
    out.append(v);
    return this;
  }

  public JsonWriter value(double v) {
    if (!Double.isFinite(v)) {
      return nullValue();
    }
    beforeValue();
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      out.append((long) v); // integral values read better without ".0"
    } else {
      out.append(v);
    }
    return this;
  }

  public JsonWriter value(boolean v) {
    beforeValue();
    out.append(v);
    return this;
  }

  public JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** The document; throws if an object or array is still open. */
  @Override
  public String toString() {
    if (!stack.isEmpty()) {
      throw new IllegalStateException("unclosed object or array");
    }
    return out.toString();
  }

  private JsonWriter end(char c) {
    int[] top = stack.pop();
    if (top[0] > 0) {
      newline();
    }
    out.append(c);
    return this;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      stack.peek()[0]++;
      return;
    }
    int[] top = stack.peek();
    if (top == null) {
      if (out.length() > 0) {
        throw new IllegalStateException("one top-level value only");
      }
      return;
    }
    if (top[1] == 1) {
      throw new IllegalStateException("a value in an object needs a name");
    }
    separate(top);
    top[0]++;
  }

  private void separate(int[] top) {
    if (top[0] > 0) {
      out.append(',');
    }
    newline();
  }

  private void newline() {
    if (pretty) {
      out.append('\n');
      for (int i = 0; i < stack.size(); i++) {
        out.append("  ");
      }
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // control characters must be escaped; U+2028/9 too, so the JSON can be inlined in JS
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
