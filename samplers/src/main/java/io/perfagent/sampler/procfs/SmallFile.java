package io.perfagent.sampler.procfs;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a small kernel file (procfs, sysfs, cgroup) into a buffer it keeps, and parses numbers
 * from the bytes in place. One instance per source, used on the sampler thread only: a tick
 * reads a dozen such files, so no String per file, no regex, no per-read buffer.
 *
 * <p>Numbers that cannot be parsed come back as {@link #NONE}; every value these files hold
 * is non-negative, so callers test {@code < 0}.
 */
public final class SmallFile {

  /** A value that was missing, unreadable or not a number. */
  public static final long NONE = -1;

  private final byte[] buf;
  private int len;

  /**
   * {@code capacity} bytes at most are read; kernel files of interest fit in 4 KiB. A file
   * whose head is all that matters ({@code /proc/stat}'s first line) can be read with a small
   * capacity: the read stops when the buffer is full.
   */
  public SmallFile(int capacity) {
    this.buf = new byte[capacity];
  }

  /** Loads {@code file}; false (and empty) when it is absent or unreadable. */
  public boolean load(Path file) {
    len = 0;
    // FileInputStream, not Files.newInputStream: interpreted, the NIO channel stream cost
    // about twice as much per open/read/close (60 µs against 30 µs under -Xint)
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      int n;
      // procfs hands out one seq_file page per read: loop until EOF or the buffer is full
      while (len < buf.length && (n = in.read(buf, len, buf.length - len)) > 0) {
        len += n;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      // absent, permission denied, a directory, a closed file system: all mean "not here"
      len = 0;
      return false;
    }
  }

  /** The file as one non-negative decimal (blanks around it allowed), or {@link #NONE}. */
  public long readLong(Path file) {
    return load(file) ? parseLong(buf, 0, len) : NONE;
  }

  public int length() {
    return len;
  }

  /** The buffer itself, valid up to {@link #length()} until the next load; not to be written. */
  public byte[] buffer() {
    return buf;
  }

  /** The first number in the file ({@code memory.current}, {@code cpuacct.usage}). */
  public long firstLong() {
    return longAt(skipSpaces(0));
  }

  /** True when the file starts with {@code word} ({@code "max"} in {@code memory.max}). */
  public boolean startsWith(byte[] word) {
    return matches(skipSpaces(0), word);
  }

  /** Whether the last load holds {@code needle} (ASCII) anywhere. */
  public boolean contains(byte[] needle) {
    for (int i = 0, end = len - needle.length; i <= end; i++) {
      if (matches(i, needle)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code index}-th (0-based) whitespace-separated field of the first line, as a number:
   * {@code cpu.max} "200000 100000" gives 200000 for 0 and 100000 for 1.
   */
  public long field(int index) {
    return fieldOnLine(0, index);
  }

  /**
   * The {@code index}-th (0-based) whitespace-separated field from {@code from} to the end of
   * that line, as a number; {@link #NONE} when the line has fewer fields (a short line never
   * borrows from the next one).
   */
  public long fieldOnLine(int from, int index) {
    int end = lineEnd(from);
    int i = skipBlanks(from);
    for (int f = 0; f < index && i < end; f++) {
      i = skipBlanks(tokenEnd(i, (byte) 0));
    }
    return i < end ? longAt(i) : NONE;
  }

  /**
   * The number after {@code key} on the line that starts with {@code key} followed by a space
   * ({@code cpu.stat}: "usage_usec 1234").
   */
  public long keyed(byte[] key) {
    int line = lineStarting(key, 0);
    return line < 0 ? NONE : longAt(skipSpaces(line + key.length));
  }

  /**
   * For each of {@code keys}, the number after it on the line that starts with it followed by
   * a blank, into {@code values} ({@link #NONE} where absent); one pass over the lines that
   * stops once every key is found. Several {@link #keyed} calls would each rescan from the
   * top: {@code /proc/meminfo} and {@code /proc/self/status} are ~1.5 KB, and interpreted, a
   * byte-by-byte scan costs tens of ns a byte. Returns how many keys were found.
   */
  public int keyedAll(byte[][] keys, long[] values) {
    int found = 0;
    for (int k = 0; k < keys.length; k++) {
      values[k] = NONE;
    }
    for (int i = 0; i < len && found < keys.length; i = nextLine(i)) {
      for (int k = 0; k < keys.length; k++) {
        byte[] key = keys[k];
        if (values[k] == NONE
            && matches(i, key)
            && i + key.length < len
            && isSpace(buf[i + key.length])) {
          values[k] = longAt(skipBlanks(i + key.length));
          found++;
          break;
        }
      }
    }
    return found;
  }

  /**
   * The number after {@code item} (e.g. {@code "total="}) on the line starting with
   * {@code lineKey} (e.g. {@code "some"}): the PSI format.
   */
  public long keyedItem(byte[] lineKey, byte[] item) {
    int line = lineStarting(lineKey, 0);
    if (line < 0) {
      return NONE;
    }
    int end = lineEnd(line);
    for (int i = line; i + item.length <= end; i++) {
      if (matches(i, item)) {
        return longAt(i + item.length);
      }
    }
    return NONE;
  }

  /**
   * Parses the blank-separated numbers from {@code from} to the end of that line into
   * {@code out}, up to its length; returns how many parsed before the line ended, the array
   * was full, or a token was not a number.
   */
  public int longsOnLine(int from, long[] out) {
    int end = lineEnd(from);
    int n = 0;
    int i = skipBlanks(from);
    while (n < out.length && i < end) {
      long v = longAt(i);
      int next = digitsEnd(i);
      // "12x" is not a number: the digits must run up to a blank or the line's end
      if (v < 0 || !(next == end || buf[next] == ' ' || buf[next] == '\t')) {
        break;
      }
      out[n++] = v;
      i = skipBlanks(next);
    }
    return n;
  }

  /**
   * The non-negative decimal at {@code from}, with an optional fraction ({@code 0.52} in
   * {@code loadavg}); NaN when there is no digit there.
   */
  public double decimalAt(int from) {
    long whole = longAt(from);
    if (whole < 0) {
      return Double.NaN;
    }
    int i = digitsEnd(from);
    if (i >= len || buf[i] != '.') {
      return whole;
    }
    // one division at the end, so "0.94" reads as 0.94, not 0.9400000000000001
    long fraction = 0;
    long scale = 1;
    for (i++; i < len && buf[i] >= '0' && buf[i] <= '9' && scale < 1_000_000_000_000L; i++) {
      fraction = fraction * 10 + (buf[i] - '0');
      scale *= 10;
    }
    return whole + (double) fraction / scale;
  }

  /** Start of the line after the one containing {@code from}, or {@link #length()}. */
  public int nextLine(int from) {
    int e = lineEnd(from);
    return e < len ? e + 1 : len;
  }

  public int lineEnd(int from) {
    int i = from;
    while (i < len && buf[i] != '\n') {
      i++;
    }
    return i;
  }

  /** Skips blanks and line ends. */
  public int skipSpaces(int from) {
    int i = from;
    while (i < len && isSpace(buf[i])) {
      i++;
    }
    return i;
  }

  /** Index just past the token starting at {@code from} (stops at whitespace or {@code stop}). */
  public int tokenEnd(int from, byte stop) {
    int i = from;
    while (i < len && !isSpace(buf[i]) && buf[i] != stop) {
      i++;
    }
    return i;
  }

  /** True when bytes {@code [from, to)} equal {@code name}. */
  public boolean regionEquals(int from, int to, byte[] name) {
    return to - from == name.length && matches(from, name);
  }

  /** Bytes {@code [from, to)} as a String, one char per byte; for names met once. */
  public String text(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** A copy of bytes {@code [from, to)}, to match the same name in later reads. */
  public byte[] bytes(int from, int to) {
    byte[] b = new byte[to - from];
    System.arraycopy(buf, from, b, 0, b.length);
    return b;
  }

  public byte at(int i) {
    return buf[i];
  }

  /** The decimal number at {@code from}, or {@link #NONE} (no digit, or too long for a long). */
  public long longAt(int from) {
    long v = 0;
    int i = from;
    while (i < len && buf[i] >= '0' && buf[i] <= '9') {
      int d = buf[i] - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        return NONE;
      }
      v = v * 10 + d;
      i++;
    }
    return i == from ? NONE : v;
  }

  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A non-negative decimal in {@code b[from, to)} with only blanks around it; {@link #NONE}
   * for anything else, overflow included: sysfs garbage must not turn into a huge rate.
   */
  public static long parseLong(byte[] b, int from, int to) {
    int i = from;
    while (i < to && isSpace(b[i])) {
      i++;
    }
    int start = i;
    long v = 0;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      int d = b[i] - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        return NONE;
      }
      v = v * 10 + d;
      i++;
    }
    if (i == start) {
      return NONE;
    }
    while (i < to && isSpace(b[i])) {
      i++;
    }
    return i == to ? v : NONE;
  }

  private int lineStarting(byte[] key, int from) {
    int i = from;
    while (i < len) {
      if (matches(i, key) && i + key.length < len && isSpace(buf[i + key.length])) {
        return i;
      }
      i = nextLine(i);
    }
    return -1;
  }

  private int digitsEnd(int from) {
    int i = from;
    while (i < len && buf[i] >= '0' && buf[i] <= '9') {
      i++;
    }
    return i;
  }

  /** Skips blanks within a line (not line ends). */
  private int skipBlanks(int from) {
    int i = from;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t')) {
      i++;
    }
    return i;
  }

  private boolean matches(int at, byte[] word) {
    if (at < 0 || at + word.length > len) {
      return false;
    }
    for (int k = 0; k < word.length; k++) {
      if (buf[at + k] != word[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
