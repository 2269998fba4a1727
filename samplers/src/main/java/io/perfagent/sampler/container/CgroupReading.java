package io.perfagent.sampler.container;

import io.perfagent.sampler.procfs.SmallFile;

/**
 * One tick's raw cgroup values, reused from tick to tick. {@link SmallFile#NONE} (-1) marks
 * a value this host does not have or could not read; a limit of -1 means "no limit".
 */
final class CgroupReading {

  long cpuUsageNanos;
  long throttledNanos;
  long quotaMicros;
  long periodMicros;
  long memoryUsageBytes;
  long memoryLimitBytes;

  void clear() {
    cpuUsageNanos = SmallFile.NONE;
    throttledNanos = SmallFile.NONE;
    quotaMicros = SmallFile.NONE;
    periodMicros = SmallFile.NONE;
    memoryUsageBytes = SmallFile.NONE;
    memoryLimitBytes = SmallFile.NONE;
  }

  /** True when at least one value was read. */
  boolean any() {
    return cpuUsageNanos >= 0
        || throttledNanos >= 0
        || quotaMicros >= 0
        || memoryUsageBytes >= 0
        || memoryLimitBytes >= 0;
  }

  /** The CPU limit in cores, or 0 when unlimited or unknown. */
  double cpuLimitCores() {
    return quotaMicros > 0 && periodMicros > 0 ? (double) quotaMicros / periodMicros : 0;
  }
}
