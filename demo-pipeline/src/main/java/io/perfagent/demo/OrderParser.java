package io.perfagent.demo;

import io.perfagent.Monitored;
import io.perfagent.Perf;
import java.nio.charset.StandardCharsets;

/**
 * Parses the CSV text of {@link OrderSource} into an {@link OrderBatch}.
 *
 * <p>It walks the bytes directly instead of splitting lines into strings: a parser that
 * allocated a string per field would turn {@code parse} into a second allocation-heavy stage
 * and blur the picture that {@code materialize} is meant to give.
 */
public final class OrderParser {

  /** Parses {@code csv}, which must start with {@link OrderSource#HEADER}. */
  @Monitored("parse")
  public OrderBatch parse(byte[] csv) {
    Cursor in = new Cursor(csv);
    in.skipLine();
    // Counting lines first costs one fast pass and lets the columns be allocated once.
    OrderBatch orders = new OrderBatch(in.linesLeft());
    for (int row = 0; in.hasMore(); row++) {
      long id = in.number(',');
      in.expect('C');
      int customer = (int) in.number(',');
      in.expect('S');
      in.expect('K');
      in.expect('U');
      in.expect('-');
      int sku = (int) in.number(',');
      int quantity = (int) in.number(',');
      long units = in.number('.');
      long cents = in.twoDigits();
      in.expect(',');
      long timestamp = in.number('\n');
      orders.set(row, id, customer, sku, quantity, units * 100 + cents, timestamp);
    }
    Perf.records(orders.size());
    Perf.bytes(csv.length);
    return orders;
  }

  /** A read position in the CSV bytes; one per parse, so the parser itself stays stateless. */
  private static final class Cursor {

    private final byte[] bytes;
    private int position;
    private int line = 1;

    Cursor(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean hasMore() {
      return position < bytes.length;
    }

    /** Lines from here to the end, counting a last line without a line break. */
    int linesLeft() {
      int lines = 0;
      for (int i = position; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          lines++;
        }
      }
      if (position < bytes.length && bytes[bytes.length - 1] != '\n') {
        lines++;
      }
      return lines;
    }

    void skipLine() {
      while (position < bytes.length && bytes[position++] != '\n') {
        // the header carries nothing the parser needs
      }
      line++;
    }

    void expect(char c) {
      if (position >= bytes.length || bytes[position] != c) {
        throw malformed("expected '" + c + "'");
      }
      position++;
    }

    /** Reads exactly two digits: "19.5" must not parse as 19.05. */
    long twoDigits() {
      long value = 0;
      for (int i = 0; i < 2; i++) {
        int digit = position < bytes.length ? bytes[position] - '0' : -1;
        if (digit < 0 || digit > 9) {
          throw malformed("expected two decimals");
        }
        value = value * 10 + digit;
        position++;
      }
      return value;
    }

    /** Reads decimal digits up to {@code terminator}, which it consumes. */
    long number(char terminator) {
      int start = position;
      long value = 0;
      while (position < bytes.length && bytes[position] != terminator) {
        int digit = bytes[position] - '0';
        if (digit < 0 || digit > 9) {
          throw malformed("expected a digit or '" + printable(terminator) + "'");
        }
        value = value * 10 + digit;
        position++;
      }
      if (position == start) {
        throw malformed("empty field");
      }
      // The last line may lack its line break; every other terminator is mandatory.
      if (position < bytes.length) {
        position++;
      } else if (terminator != '\n') {
        throw malformed("line ends early");
      }
      if (terminator == '\n') {
        line++;
      }
      return value;
    }

    private IllegalArgumentException malformed(String what) {
      int end = position;
      while (end < bytes.length && bytes[end] != '\n' && end - position < 40) {
        end++;
      }
      String near = new String(bytes, position, end - position, StandardCharsets.US_ASCII);
      return new IllegalArgumentException(
          "malformed CSV at line " + line + ": " + what + " near \"" + near + "\"");
    }

    private static String printable(char c) {
      return c == '\n' ? "\\n" : String.valueOf(c);
    }
  }
}
