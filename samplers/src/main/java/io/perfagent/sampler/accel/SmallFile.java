package io.perfagent.sampler.accel;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads sysfs and procfs files into one buffer that lives as long as its source, so a tick
 * allocates a stream object per file and no byte arrays. Anything unreadable (gone, a
 * directory, no permission) reads as {@link #MISSING} or -1: one bad file is one skipped value.
 */
final class SmallFile {

  static final long MISSING = Long.MIN_VALUE;

  private final byte[] buffer;
  private int length;

  SmallFile(int capacity) {
    this.buffer = new byte[capacity];
  }

  /** Fills the buffer from {@code file}; returns the byte count, or -1 when unreadable. */
  int read(Path file) {
    length = -1;
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      int n = 0;
      int r;
      // procfs hands out one seq_file page per read: loop until EOF or the buffer is full
      while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0) {
        n += r;
      }
      length = n;
    } catch (IOException | SecurityException e) {
      length = -1;
    }
    return length;
  }

  /** The file as one non-negative decimal number (surrounding blanks allowed), or MISSING. */
  long readLong(Path file) {
    return read(file) < 0 ? MISSING : parseLong(buffer, 0, length);
  }

  /** The file's text, or null when unreadable. */
  String readString(Path file) {
    return read(file) < 0 ? null : new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
  }

  byte[] buffer() {
    return buffer;
  }

  int length() {
    return length;
  }

  /** Whether the last read holds {@code needle} (ASCII), without making a String of it. */
  boolean contains(byte[] needle) {
    outer:
    for (int i = 0, end = length - needle.length; i <= end; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buffer[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * A non-negative decimal in {@code b[from, to)} with blanks around it; MISSING for anything
   * else, including overflow: sysfs garbage must not turn into a huge rate.
   */
  static long parseLong(byte[] b, int from, int to) {
    int i = from;
    while (i < to && isBlank(b[i])) {
      i++;
    }
    int start = i;
    long v = 0;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      if (v > (Long.MAX_VALUE - 9) / 10) {
        return MISSING;
      }
      v = v * 10 + (b[i] - '0');
      i++;
    }
    if (i == start) {
      return MISSING;
    }
    while (i < to && isBlank(b[i])) {
      i++;
    }
    return i == to ? v : MISSING;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
