package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code system.cpu.utilization} from the first line of {@code <procfs>/stat} ({@code cpu
 * user nice system idle iowait irq softirq steal guest guest_nice}, in clock ticks), read
 * directly each tick. OSHI's {@code getSystemCpuLoadTicks()} reads the same line but splits
 * the file with regex into Strings: about 850 µs per call when interpreted, which the sampler
 * thread is at one tick a second. It also memoizes for about 300 ms; a direct read does not,
 * so every tick has a fresh reading and no workaround for repeated values is needed.
 */
final class ProcStatCpu {

  private static final byte[] CPU = SmallFile.ascii("cpu");

  private final Path file;
  /**
   * Only the first line matters, and {@code /proc/stat} grows with CPUs and interrupts (tens of
   * KB on large machines): 512 bytes hold the line and make the read a single one.
   */
  private final SmallFile reader = new SmallFile(512);

  private long[] prev = new long[CpuBusy.TICK_TYPES];
  private long[] now = new long[CpuBusy.TICK_TYPES];
  private boolean havePrev;

  ProcStatCpu(Path procfsRoot) {
    this.file = procfsRoot.resolve("stat");
  }

  /** Nothing on the first tick, after an unreadable one, or when a counter went backwards. */
  void sample(ResourceWriter out) {
    if (!read(now)) {
      havePrev = false;
      return;
    }
    double busy = CpuBusy.fraction(havePrev ? prev : null, now);
    if (!Double.isNaN(busy)) {
      out.gauge("system.cpu.utilization", "1", busy);
    }
    // the new reading is the next baseline whatever happened: a counter that went back
    // (CPU hot-unplug) costs one interval, not every one after it
    long[] t = prev;
    prev = now;
    now = t;
    havePrev = true;
  }

  private boolean read(long[] into) {
    if (!reader.load(file)) {
      return false;
    }
    int nameEnd = reader.tokenEnd(0, (byte) 0);
    // a line cut by the buffer would end in a truncated number
    if (!reader.regionEquals(0, nameEnd, CPU) || reader.lineEnd(0) >= reader.length()) {
      return false;
    }
    // kernels before 2.6.11 stop before steal: what is not there counts as zero, as in OSHI
    Arrays.fill(into, 0);
    return reader.longsOnLine(nameEnd, into) >= CpuBusy.IOWAIT;
  }
}
