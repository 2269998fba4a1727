package io.perfagent.sampler.host;

/**
 * The busy share of all logical CPUs between two readings of the system tick counters, in the
 * order of {@code /proc/stat}'s {@code cpu} line (user, nice, system, idle, iowait, irq,
 * softirq, steal), which is also the order of OSHI's {@code CentralProcessor.TickType}:
 * {@code 1 - (idle + iowait) / total}. I/O wait counts as idle, as in {@code top}: the CPU
 * could have run something else. Guest time is left out by the callers: the kernel already
 * counts it inside user and nice.
 */
final class CpuBusy {

  /** Counters read: user, nice, system, idle, iowait, irq, softirq, steal. */
  static final int TICK_TYPES = 8;
  static final int IDLE = 3;
  static final int IOWAIT = 4;

  private CpuBusy() {}

  /** NaN when there is no previous reading, no time passed, or a counter went backwards. */
  static double fraction(long[] prev, long[] now) {
    if (prev == null || now == null || prev.length != now.length) {
      return Double.NaN;
    }
    long total = 0;
    for (int i = 0; i < now.length; i++) {
      long d = now[i] - prev[i];
      if (d < 0) {
        return Double.NaN;
      }
      total += d;
    }
    if (total <= 0) {
      return Double.NaN;
    }
    long idle = (now[IDLE] - prev[IDLE]) + (now[IOWAIT] - prev[IOWAIT]);
    return Math.max(0.0, Math.min(1.0, 1.0 - (double) idle / total));
  }
}
