package io.perfagent.analysis.bottleneck;

/** When a stage counts as a bottleneck, and of which kind. Made with {@link #builder()}. */
public final class BottleneckThresholds {

  /** Below 5 % of the run on the critical path, fixing a stage cannot buy much. */
  public static final double DEFAULT_MIN_SHARE = 0.05;
  public static final double DEFAULT_CPU_RATIO = 0.7;
  /**
   * 512 MiB/s of a stage's own time: at that rate a default G1 young generation fills several
   * times a second, so allocation is a cost worth naming before plain CPU.
   */
  public static final double DEFAULT_ALLOC_BYTES_PER_SEC = 512.0 * 1024 * 1024;
  public static final double DEFAULT_GC_RATIO = 0.2;
  public static final double DEFAULT_LOCK_RATIO = 0.3;
  /**
   * Parked on a queue, a future or a condition for half its measured time: the stage waits for
   * its input, and its calls spread with the input's pace, not as stragglers.
   */
  public static final double DEFAULT_WAIT_RATIO = 0.5;
  /** A straggler at 1.5x the median of its siblings is well past scheduling noise. */
  public static final double DEFAULT_SKEW_RATIO = 1.5;
  public static final double DEFAULT_GPU_UTILIZATION = 0.5;
  public static final double DEFAULT_IO_WAIT = 0.3;
  /**
   * A stage on CPU at least this share of its time, while the machine's CPUs were busy past
   * {@code cpuRatio}, is CPU-bound by contention (it waited for a core).
   */
  public static final double DEFAULT_CONTENDED_CPU_RATIO = 0.2;
  public static final int DEFAULT_MAX_BOTTLENECKS = 5;

  private final double minShare;
  private final double cpuRatio;
  private final double allocBytesPerSec;
  private final double gcRatio;
  private final double lockRatio;
  private final double waitRatio;
  private final double skewRatio;
  private final double gpuUtilization;
  private final double ioWait;
  private final double contendedCpuRatio;
  private final int maxBottlenecks;

  private BottleneckThresholds(Builder b) {
    minShare = b.minShare;
    cpuRatio = b.cpuRatio;
    allocBytesPerSec = b.allocBytesPerSec;
    gcRatio = b.gcRatio;
    lockRatio = b.lockRatio;
    waitRatio = b.waitRatio;
    skewRatio = b.skewRatio;
    gpuUtilization = b.gpuUtilization;
    ioWait = b.ioWait;
    contendedCpuRatio = b.contendedCpuRatio;
    maxBottlenecks = b.maxBottlenecks;
  }

  public static BottleneckThresholds defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public double minShare() { return minShare; }
  public double cpuRatio() { return cpuRatio; }
  public double allocBytesPerSec() { return allocBytesPerSec; }
  public double gcRatio() { return gcRatio; }
  public double lockRatio() { return lockRatio; }
  public double waitRatio() { return waitRatio; }
  public double skewRatio() { return skewRatio; }
  public double gpuUtilization() { return gpuUtilization; }
  public double ioWait() { return ioWait; }
  public double contendedCpuRatio() { return contendedCpuRatio; }
  public int maxBottlenecks() { return maxBottlenecks; }

  /** Builder; each setter rejects values outside its range. */
  public static final class Builder {
    private double minShare = DEFAULT_MIN_SHARE;
    private double cpuRatio = DEFAULT_CPU_RATIO;
    private double allocBytesPerSec = DEFAULT_ALLOC_BYTES_PER_SEC;
    private double gcRatio = DEFAULT_GC_RATIO;
    private double lockRatio = DEFAULT_LOCK_RATIO;
    private double waitRatio = DEFAULT_WAIT_RATIO;
    private double skewRatio = DEFAULT_SKEW_RATIO;
    private double gpuUtilization = DEFAULT_GPU_UTILIZATION;
    private double ioWait = DEFAULT_IO_WAIT;
    private double contendedCpuRatio = DEFAULT_CONTENDED_CPU_RATIO;
    private int maxBottlenecks = DEFAULT_MAX_BOTTLENECKS;

    private Builder() {}

    public Builder minShare(double v) { minShare = fraction("minShare", v); return this; }
    public Builder cpuRatio(double v) { cpuRatio = fraction("cpuRatio", v); return this; }
    public Builder gcRatio(double v) { gcRatio = fraction("gcRatio", v); return this; }
    public Builder lockRatio(double v) { lockRatio = fraction("lockRatio", v); return this; }
    public Builder waitRatio(double v) { waitRatio = fraction("waitRatio", v); return this; }
    public Builder gpuUtilization(double v) { gpuUtilization = fraction("gpuUtilization", v); return this; }
    public Builder ioWait(double v) { ioWait = fraction("ioWait", v); return this; }
    public Builder contendedCpuRatio(double v) {
      contendedCpuRatio = fraction("contendedCpuRatio", v);
      return this;
    }

    public Builder allocBytesPerSec(double v) {
      if (!(v > 0)) {
        throw new IllegalArgumentException("allocBytesPerSec must be positive: " + v);
      }
      allocBytesPerSec = v;
      return this;
    }

    public Builder skewRatio(double v) {
      if (!(v > 1)) {
        throw new IllegalArgumentException("skewRatio must be above 1: " + v);
      }
      skewRatio = v;
      return this;
    }

    public Builder maxBottlenecks(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("maxBottlenecks must not be negative: " + v);
      }
      maxBottlenecks = v;
      return this;
    }

    public BottleneckThresholds build() {
      return new BottleneckThresholds(this);
    }

    private static double fraction(String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be within [0, 1]: " + v);
      }
      return v;
    }
  }
}
