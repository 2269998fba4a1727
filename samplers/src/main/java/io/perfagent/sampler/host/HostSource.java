package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.container.IoPressure;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/**
 * Source {@code host}: machine-wide CPU, load, memory, swap, disk and network I/O and I/O
 * pressure. CPU and memory come from OSHI, whose Linux readings are cheap and memoized for
 * about 300 ms (a tick sooner than that sees the same CPU ticks and writes no utilization);
 * disk and network counters come from one procfs file each (see {@link DiskIo}).
 */
final class HostSource implements ResourceSource {

  private static final String[] MEM_USED = {"system.memory.state", "used"};
  private static final String[] MEM_FREE = {"system.memory.state", "free"};
  private static final String[] PAGING_USED = {"system.paging.state", "used"};
  private static final String[] PAGING_FREE = {"system.paging.state", "free"};

  private final CentralProcessor cpu;
  private final GlobalMemory memory;
  private final VirtualMemory swap;
  private final DiskIo disks;
  private final NetworkIo network;
  private final IoPressure ioPressure;
  private long[] prevTicks;

  /** {@code disks}, {@code network} and {@code ioPressure} may be null (not on this host). */
  HostSource(
      CentralProcessor cpu,
      GlobalMemory memory,
      DiskIo disks,
      NetworkIo network,
      IoPressure ioPressure) {
    this.cpu = cpu;
    this.memory = memory;
    this.swap = memory.getVirtualMemory();
    this.disks = disks;
    this.network = network;
    this.ioPressure = ioPressure;
  }

  @Override
  public String name() {
    return "host";
  }

  @Override
  public void sample(ResourceWriter out) {
    sampleCpu(out);
    sampleMemory(out);
    if (disks != null) {
      disks.sample(out);
    }
    if (network != null) {
      network.sample(out);
    }
    if (ioPressure != null) {
      ioPressure.sample(out);
    }
  }

  private void sampleCpu(ResourceWriter out) {
    long[] ticks = cpu.getSystemCpuLoadTicks();
    double busy = CpuBusy.fraction(prevTicks, ticks);
    if (!Double.isNaN(busy)) {
      out.gauge("system.cpu.utilization", "1", busy);
      prevTicks = ticks;
    } else if (prevTicks == null || !sameTotal(prevTicks, ticks)) {
      // keep the old baseline when OSHI handed back its memoized reading: the next tick then
      // covers the whole interval instead of writing nothing twice
      prevTicks = ticks;
    }
    double[] load = cpu.getSystemLoadAverage(1);
    if (load.length > 0 && load[0] >= 0) {
      out.gauge("system.cpu.load_average.1m", "{thread}", load[0]);
    }
  }

  private void sampleMemory(ResourceWriter out) {
    long total = memory.getTotal();
    long available = memory.getAvailable();
    if (total > 0 && available >= 0) {
      long used = Math.max(0, total - available);
      out.gauge("system.memory.usage", "By", used, MEM_USED);
      out.gauge("system.memory.usage", "By", available, MEM_FREE);
      out.gauge("system.memory.limit", "By", total);
      out.gauge("system.memory.utilization", "1", (double) used / total, MEM_USED);
      out.gauge("system.memory.utilization", "1", (double) available / total, MEM_FREE);
    }
    long swapTotal = swap.getSwapTotal();
    long swapUsed = swap.getSwapUsed();
    if (swapTotal >= 0 && swapUsed >= 0) {
      out.gauge("system.paging.usage", "By", swapUsed, PAGING_USED);
      out.gauge("system.paging.usage", "By", Math.max(0, swapTotal - swapUsed), PAGING_FREE);
    }
  }

  private static boolean sameTotal(long[] a, long[] b) {
    long sa = 0;
    long sb = 0;
    for (long v : a) {
      sa += v;
    }
    for (long v : b) {
      sb += v;
    }
    return sa == sb;
  }
}
