package io.perfagent.analyzer.receive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body, inflating gzip, and stops as soon as more than the limit has come out:
 * a small gzip bomb is refused after {@code limit} inflated bytes, never held whole.
 */
final class BodyReader {

  /** The body is larger than the limit (after decompression). */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  /** The body cannot be read: a truncated or corrupt gzip stream. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** The content encoding is neither identity nor gzip. */
  static final class UnsupportedEncoding extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedEncoding(String message) {
      super(message, null, false, false);
    }
  }

  private BodyReader() {}

  /**
   * The body's bytes after decoding {@code encoding} (null, {@code identity} or {@code gzip}).
   * {@code declaredLength} is the Content-Length, -1 when not given.
   */
  static byte[] read(InputStream raw, String encoding, long declaredLength, int limit)
      throws IOException, TooLarge, Malformed, UnsupportedEncoding {
    String e = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
    if (!e.equals("identity") && !e.equals("gzip") && !e.isEmpty()) {
      throw new UnsupportedEncoding("Content-Encoding '" + encoding
          + "' is not supported (identity or gzip)");
    }
    if (declaredLength > limit) {
      throw new TooLarge("the body is " + declaredLength + " bytes, over the limit of " + limit);
    }
    if (e.equals("gzip")) {
      try {
        return bounded(new GZIPInputStream(raw, 8192), limit, "after decompression ");
      } catch (EOFException | ZipException ex) {
        throw new Malformed("the gzip body is truncated or corrupt: " + ex.getMessage());
      }
    }
    return bounded(raw, limit, "");
  }

  private static byte[] bounded(InputStream in, int limit, String what)
      throws IOException, TooLarge {
    byte[] buf = new byte[Math.min(limit + 1, 64 * 1024)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n > limit) {
          throw new TooLarge("the body is over the limit of " + limit + " bytes " + what);
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) limit + 1, buf.length * 2L));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
      if (n > limit) {
        throw new TooLarge("the body is over the limit of " + limit + " bytes " + what);
      }
    }
    return Arrays.copyOf(buf, n);
  }
}
