package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceWriter;

/**
 * The {@code system.memory.*} and {@code system.paging.*} gauges of the {@code host} source,
 * whichever way it read them ({@link ProcMemInfo}, {@link OshiHostSource}). Sizes come in a
 * unit of {@code bytesPer} bytes (1024 for {@code /proc/meminfo}'s kB, 1 for OSHI's bytes).
 */
final class HostMemory {

  private static final String[] MEM_USED = {"system.memory.state", "used"};
  private static final String[] MEM_FREE = {"system.memory.state", "free"};
  private static final String[] PAGING_USED = {"system.paging.state", "used"};
  private static final String[] PAGING_FREE = {"system.paging.state", "free"};

  private HostMemory() {}

  /** Usage, limit and utilization; nothing unless {@code total > 0} and {@code available >= 0}. */
  static void memory(ResourceWriter out, long total, long available, double bytesPer) {
    if (total > 0 && available >= 0) {
      long used = Math.max(0, total - available);
      out.gauge("system.memory.usage", "By", used * bytesPer, MEM_USED);
      out.gauge("system.memory.usage", "By", available * bytesPer, MEM_FREE);
      out.gauge("system.memory.limit", "By", total * bytesPer);
      out.gauge("system.memory.utilization", "1", (double) used / total, MEM_USED);
      out.gauge("system.memory.utilization", "1", (double) available / total, MEM_FREE);
    }
  }

  /** Swap used and free, as the caller worked them out. */
  static void paging(ResourceWriter out, long used, long free, double bytesPer) {
    out.gauge("system.paging.usage", "By", used * bytesPer, PAGING_USED);
    out.gauge("system.paging.usage", "By", free * bytesPer, PAGING_FREE);
  }
}
