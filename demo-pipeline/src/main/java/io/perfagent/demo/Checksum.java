package io.perfagent.demo;

/**
 * An order-sensitive 64-bit hash built up one value at a time (FNV-1a over whole longs).
 *
 * <p>Not cryptographic: it only has to change when any stage's result changes, so that a test
 * can compare two runs through one number.
 */
final class Checksum {

  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private long hash = OFFSET_BASIS;

  Checksum add(long value) {
    hash = (hash ^ value) * PRIME;
    return this;
  }

  Checksum add(double value) {
    return add(Double.doubleToLongBits(value));
  }

  long value() {
    return Partitioner.mix(hash);
  }
}
