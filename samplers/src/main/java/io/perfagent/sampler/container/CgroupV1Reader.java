package io.perfagent.sampler.container;

import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;

/**
 * cgroup v1: {@code cpu.cfs_quota_us} (-1 when unlimited) and {@code cpu.cfs_period_us},
 * {@code cpuacct.usage} (ns), {@code cpu.stat} {@code throttled_time} (ns),
 * {@code memory.usage_in_bytes}, {@code memory.limit_in_bytes} (a page-rounded
 * {@code Long.MAX_VALUE} when unlimited).
 */
final class CgroupV1Reader implements CgroupReader {

  /**
   * v1 reports "no limit" as {@code LONG_MAX} rounded down to a page (9223372036854771712);
   * anything above 2^62 bytes is no real limit either.
   */
  private static final long UNLIMITED_ABOVE = 1L << 62;

  private static final byte[] THROTTLED_TIME = SmallFile.ascii("throttled_time");

  private final Path quota;
  private final Path period;
  private final Path cpuStat;
  private final Path usage;
  private final Path memoryUsage;
  private final Path memoryLimit;
  private final SmallFile file = new SmallFile(4096);

  CgroupV1Reader(Path cpuDir, Path cpuacctDir, Path memoryDir) {
    this.quota = cpuDir.resolve("cpu.cfs_quota_us");
    this.period = cpuDir.resolve("cpu.cfs_period_us");
    this.cpuStat = cpuDir.resolve("cpu.stat");
    this.usage = cpuacctDir.resolve("cpuacct.usage");
    this.memoryUsage = memoryDir.resolve("memory.usage_in_bytes");
    this.memoryLimit = memoryDir.resolve("memory.limit_in_bytes");
  }

  @Override
  public void read(CgroupReading r) {
    r.clear();
    // "-1" does not parse as a number here (no sign accepted): unlimited reads as NONE
    if (file.load(quota)) {
      r.quotaMicros = file.firstLong();
    }
    if (r.quotaMicros > 0 && file.load(period)) {
      r.periodMicros = file.firstLong();
    }
    if (file.load(cpuStat)) {
      r.throttledNanos = file.keyed(THROTTLED_TIME);
    }
    if (file.load(usage)) {
      r.cpuUsageNanos = file.firstLong();
    }
    if (file.load(memoryUsage)) {
      r.memoryUsageBytes = file.firstLong();
    }
    if (file.load(memoryLimit)) {
      long limit = file.firstLong();
      r.memoryLimitBytes = limit > UNLIMITED_ABOVE ? SmallFile.NONE : limit;
    }
  }
}
