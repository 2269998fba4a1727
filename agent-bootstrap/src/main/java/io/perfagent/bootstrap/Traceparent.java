package io.perfagent.bootstrap;

/**
 * The W3C Trace Context {@code traceparent} header
 * ({@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}): written for the innermost
 * stage, read when a stage opens as the child of one in another process.
 */
final class Traceparent {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int LENGTH = 55;

  private Traceparent() {}

  /** The header for span {@code spanId} of trace {@code hi}:{@code lo}, sampled. */
  static String format(long hi, long lo, long spanId) {
    char[] c = new char[LENGTH];
    c[0] = '0';
    c[1] = '0';
    c[2] = '-';
    hex(hi, c, 3);
    hex(lo, c, 19);
    c[35] = '-';
    hex(spanId, c, 36);
    c[52] = '-';
    c[53] = '0';
    c[54] = '1';
    return new String(c);
  }

  /**
   * The trace id (high, low) and parent span id of a header, or null when it is not one: the
   * wrong length or separators, a digit that is not lowercase hex, version {@code ff}, an
   * all-zero id. A later version may append fields after the flags (the specification asks
   * readers of version 00 to accept that), so only the first 55 characters are read.
   */
  static long[] parse(String s) {
    if (s == null || s.length() < LENGTH || (s.length() > LENGTH && s.charAt(LENGTH) != '-')
        || s.charAt(2) != '-' || s.charAt(35) != '-' || s.charAt(52) != '-') {
      return null;
    }
    if (!isHex(s, 0, 2) || s.startsWith("ff") || !isHex(s, 53, 55)
        || (s.startsWith("00") && s.length() != LENGTH)) {
      return null;
    }
    if (!isHex(s, 3, 35) || !isHex(s, 36, 52)) {
      return null;
    }
    long hi = Long.parseUnsignedLong(s, 3, 19, 16);
    long lo = Long.parseUnsignedLong(s, 19, 35, 16);
    long span = Long.parseUnsignedLong(s, 36, 52, 16);
    return (hi == 0 && lo == 0) || span == 0 ? null : new long[] {hi, lo, span};
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char ch = s.charAt(i);
      if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static void hex(long v, char[] out, int at) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
  }
}
