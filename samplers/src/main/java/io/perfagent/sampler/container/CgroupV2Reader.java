package io.perfagent.sampler.container;

import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;

/**
 * cgroup v2: {@code cpu.max} ("max 100000" or "200000 100000"), {@code cpu.stat}
 * ({@code usage_usec}, {@code throttled_usec}), {@code memory.current}, {@code memory.max}
 * ("max" or bytes).
 */
final class CgroupV2Reader implements CgroupReader {

  private static final byte[] MAX = SmallFile.ascii("max");
  private static final byte[] USAGE_USEC = SmallFile.ascii("usage_usec");
  private static final byte[] THROTTLED_USEC = SmallFile.ascii("throttled_usec");

  private final Path cpuMax;
  private final Path cpuStat;
  private final Path memoryCurrent;
  private final Path memoryMax;
  private final SmallFile file = new SmallFile(4096);

  CgroupV2Reader(Path dir) {
    this.cpuMax = dir.resolve("cpu.max");
    this.cpuStat = dir.resolve("cpu.stat");
    this.memoryCurrent = dir.resolve("memory.current");
    this.memoryMax = dir.resolve("memory.max");
  }

  @Override
  public void read(CgroupReading r) {
    r.clear();
    if (file.load(cpuMax) && !file.startsWith(MAX)) {
      r.quotaMicros = file.field(0);
      r.periodMicros = file.field(1);
    }
    if (file.load(cpuStat)) {
      r.cpuUsageNanos = microsToNanos(file.keyed(USAGE_USEC));
      r.throttledNanos = microsToNanos(file.keyed(THROTTLED_USEC));
    }
    if (file.load(memoryCurrent)) {
      r.memoryUsageBytes = file.firstLong();
    }
    if (file.load(memoryMax) && !file.startsWith(MAX)) {
      r.memoryLimitBytes = file.firstLong();
    }
  }

  private static long microsToNanos(long micros) {
    return micros < 0 ? SmallFile.NONE : micros * 1000;
  }
}
