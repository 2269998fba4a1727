package io.perfagent.sampler.container;

import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * {@code perf.io.wait.utilization}: the share of wall time in which at least one task of this
 * cgroup (or, failing that, of the whole machine) was stalled on I/O, from the Linux
 * pressure-stall "some" line's {@code total=} microseconds. Prefers the cgroup's
 * {@code io.pressure}, because a neighbour's I/O on a shared host says little about us.
 */
public final class IoPressure {

  private static final byte[] SOME = SmallFile.ascii("some");
  private static final byte[] TOTAL = SmallFile.ascii("total=");

  private final Path file;
  private final LongSupplier nanoClock;
  private final SmallFile reader = new SmallFile(512);
  private long prevTotalMicros = SmallFile.NONE;
  private long prevWallNanos;

  private IoPressure(Path file, LongSupplier nanoClock) {
    this.file = file;
    this.nanoClock = nanoClock;
  }

  /**
   * The reader for the first PSI file that parses: {@code <cgroup>/io.pressure} (v2 path, or
   * the hybrid {@code unified} mount), else {@code <procfs>/pressure/io}; null when none does.
   * Never throws.
   */
  public static IoPressure open(Path procfsRoot, Path cgroupRoot, LongSupplier nanoClock) {
    try {
      CgroupPaths paths = CgroupPaths.read(procfsRoot);
      SmallFile probe = new SmallFile(512);
      Path[] candidates = {
        paths.v2() == null ? null : CgroupPaths.under(cgroupRoot, paths.v2()).resolve("io.pressure"),
        paths.v2() == null
            ? null
            : CgroupPaths.under(cgroupRoot.resolve("unified"), paths.v2()).resolve("io.pressure"),
        procfsRoot.resolve("pressure/io")
      };
      for (Path p : candidates) {
        if (p != null && probe.load(p) && probe.keyedItem(SOME, TOTAL) >= 0) {
          return new IoPressure(p, nanoClock);
        }
      }
    } catch (RuntimeException e) {
      // a malformed root path: treat as "no PSI here"
    }
    return null;
  }

  /** The file being read, for tests. */
  public Path file() {
    return file;
  }

  /** Writes the stall share since the previous call; nothing on the first call or a reset. */
  public void sample(ResourceWriter out) {
    long total = reader.load(file) ? reader.keyedItem(SOME, TOTAL) : SmallFile.NONE;
    long wall = nanoClock.getAsLong();
    long dTotal = total - prevTotalMicros;
    double dWallMicros = (wall - prevWallNanos) / 1000.0;
    if (total >= 0 && prevTotalMicros >= 0 && dTotal >= 0 && dWallMicros > 0) {
      out.gauge("perf.io.wait.utilization", "1", Math.min(1.0, dTotal / dWallMicros));
    }
    prevTotalMicros = total;
    prevWallNanos = wall;
  }
}
