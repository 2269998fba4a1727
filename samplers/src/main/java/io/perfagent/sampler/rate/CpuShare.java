package io.perfagent.sampler.rate;

/**
 * The share of {@code processors} CPUs a process used between two readings of its cumulative
 * CPU time: {@code dCpu / (dWall * processors)}. Each reading becomes the next baseline,
 * whatever it was, so one bad reading costs one interval only.
 */
public final class CpuShare {

  private final int processors;
  private long prevCpuNanos = -1;
  private long prevWallNanos;

  /** {@code processors}: the CPUs the process may use, the denominator; at least 1. */
  public CpuShare(int processors) {
    this.processors = Math.max(1, processors);
  }

  /**
   * The share since the previous reading; NaN on the first reading, after or at a negative
   * (unknown) CPU time, when the CPU time went backwards or when no wall time passed.
   *
   * @param cpuNanos the process's cumulative CPU time, negative when unknown
   * @param wallNanos a monotonic clock ({@link System#nanoTime()})
   */
  public double next(long cpuNanos, long wallNanos) {
    return next(cpuNanos, wallNanos, processors);
  }

  /**
   * As {@link #next(long, long)}, over {@code cpus} CPUs given with this reading (a cgroup
   * quota, which can change under a running container); also NaN when {@code cpus <= 0}. The
   * reading becomes the baseline either way.
   */
  public double next(long cpuNanos, long wallNanos, double cpus) {
    long dCpu = cpuNanos - prevCpuNanos;
    long dWall = wallNanos - prevWallNanos;
    double share = Double.NaN;
    if (prevCpuNanos >= 0 && cpuNanos >= 0 && dCpu >= 0 && dWall > 0 && cpus > 0) {
      share = dCpu / ((double) dWall * cpus);
    }
    prevCpuNanos = cpuNanos;
    prevWallNanos = wallNanos;
    return share;
  }
}
