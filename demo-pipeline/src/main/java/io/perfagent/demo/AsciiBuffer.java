package io.perfagent.demo;

import java.util.Arrays;

/**
 * A growable byte array for ASCII text, with number formatting that allocates nothing.
 *
 * <p>{@link OrderSource} builds a 100 MB CSV; through a {@code StringBuilder} that text would
 * be copied twice more (to a {@code String}, then to bytes) and every padded field would
 * allocate a temporary string.
 */
final class AsciiBuffer {

  private byte[] bytes;
  private int size;

  AsciiBuffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  AsciiBuffer append(char c) {
    ensure(1);
    bytes[size++] = (byte) c;
    return this;
  }

  AsciiBuffer append(String ascii) {
    int length = ascii.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      bytes[size++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Appends a non-negative {@code value}. */
  AsciiBuffer append(long value) {
    return appendPadded(value, 1);
  }

  /** Appends a non-negative {@code value}, left-padded with zeros to {@code width} digits. */
  AsciiBuffer appendPadded(long value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("negative: " + value);
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int length = Math.max(digits, width);
    ensure(length);
    int position = size + length;
    size = position;
    for (int i = 0; i < length; i++) {
      bytes[--position] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return this;
  }

  /** The text so far, in an array of exactly its length. */
  byte[] toByteArray() {
    return bytes.length == size ? bytes : Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      long wanted = Math.max((long) bytes.length * 2, (long) size + more);
      bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, wanted));
    }
  }
}
