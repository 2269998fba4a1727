package io.perfagent.sampler.gpu;

import com.sun.jna.Pointer;

/**
 * One GPU as the nvml source tracks it: its handle, the attributes every metric carries, which
 * calls it does not support, and how often its calls failed. A device that fails every call
 * for {@link #DEAD_AFTER} ticks in a row is parked: it is then probed with one call every
 * {@link #PROBE_EVERY} ticks instead of eight calls each tick, so a lost GPU costs little and
 * does not swell the error count.
 */
final class NvmlDevice {

  static final int DEAD_AFTER = 3;
  static final int PROBE_EVERY = 30;

  static final int UTILIZATION = 1;
  static final int MEMORY = 1 << 1;
  static final int POWER = 1 << 2;
  static final int TEMPERATURE = 1 << 3;
  static final int CLOCK = 1 << 4;
  static final int PROCESSES = 1 << 5;

  final Pointer handle;
  final String[] attributes;

  private int unsupported;
  private long errors;
  private int deadTicks;
  private long parkedSinceTick = -1;

  NvmlDevice(Pointer handle, int index, String uuid, String name) {
    this.handle = handle;
    this.attributes =
        new String[] {
          "hw.id", uuid,
          "hw.name", name,
          "hw.vendor", "nvidia",
          "hw.type", "gpu",
          "perf.gpu.index", Integer.toString(index)
        };
  }

  boolean supports(int call) {
    return (unsupported & call) == 0;
  }

  /**
   * Books one call's result. {@code NOT_SUPPORTED} is a property of the board (no power sensor
   * on some models), not a failure: that call is dropped for good rather than counted every
   * tick.
   */
  boolean succeeded(int call, int rc) {
    if (rc == Nvml.SUCCESS) {
      return true;
    }
    if (rc == Nvml.ERROR_NOT_SUPPORTED) {
      unsupported |= call;
    } else {
      errors++;
    }
    return false;
  }

  void unsupported(int call) {
    unsupported |= call;
  }

  void failedOnce() {
    errors++;
  }

  long errors() {
    return errors;
  }

  boolean parked() {
    return parkedSinceTick >= 0;
  }

  /** A parked device is probed on every {@link #PROBE_EVERY}-th tick since it was parked. */
  boolean probeDue(long tick) {
    return (tick - parkedSinceTick) % PROBE_EVERY == 0;
  }

  /** Ends a tick in which {@code attempted} calls were made and {@code failed} of them failed. */
  void endTick(long tick, int attempted, int failed) {
    if (attempted > 0 && failed == attempted) {
      if (++deadTicks >= DEAD_AFTER && parkedSinceTick < 0) {
        parkedSinceTick = tick;
      }
    } else {
      deadTicks = 0;
      parkedSinceTick = -1;
    }
  }
}
