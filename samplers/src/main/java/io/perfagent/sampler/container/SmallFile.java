package io.perfagent.sampler.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small kernel file (cgroup, procfs) into a buffer it keeps, and parses numbers from
 * the bytes in place. One instance per source, used on the sampler thread only: a tick reads
 * a dozen such files, so no String per file, no regex, no per-read buffer.
 *
 * <p>Numbers that cannot be parsed come back as {@link #NONE}; every value these files hold
 * is non-negative, so callers test {@code < 0}.
 */
public final class SmallFile {

  /** A value that was missing, unreadable or not a number. */
  public static final long NONE = -1;

  private final byte[] buf;
  private int len;

  /** {@code capacity} bytes at most are read; kernel files of interest fit in 4 KiB. */
  public SmallFile(int capacity) {
    this.buf = new byte[capacity];
  }

  /** Loads {@code file}; false (and empty) when it is absent or unreadable. */
  public boolean load(Path file) {
    len = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
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

  public int length() {
    return len;
  }

  /** The first number in the file ({@code memory.current}, {@code cpuacct.usage}). */
  public long firstLong() {
    return longAt(skipSpaces(0));
  }

  /** True when the file starts with {@code word} ({@code "max"} in {@code memory.max}). */
  public boolean startsWith(byte[] word) {
    return matches(skipSpaces(0), word);
  }

  /**
   * The {@code index}-th (0-based) whitespace-separated field of the first line, as a number:
   * {@code cpu.max} "200000 100000" gives 200000 for 0 and 100000 for 1.
   */
  public long field(int index) {
    int i = skipSpaces(0);
    for (int f = 0; f < index && i < len; f++) {
      while (i < len && !isSpace(buf[i])) {
        i++;
      }
      i = skipSpaces(i);
    }
    return longAt(i);
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

  /** True when bytes {@code [from, to)} equal {@code name} (ASCII). */
  public boolean regionEquals(int from, int to, byte[] name) {
    return to - from == name.length && matches(from, name);
  }

  /** The token {@code [from, to)} as a String; for names met once (device names). */
  public String text(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.US_ASCII);
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
