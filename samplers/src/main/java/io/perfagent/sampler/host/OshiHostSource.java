package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/**
 * Source {@code host} where there is no procfs (macOS, Windows): machine-wide CPU, load,
 * memory and swap through OSHI, whose readings are memoized for about 300 ms (a tick sooner
 * than that sees the same CPU ticks and writes no utilization), and {@link HostIo} for what
 * the host has of it. On Linux {@link ProcfsHostSource} is used instead: interpreted, OSHI's
 * parsing cost about 2.4 ms of CPU per tick there.
 */
final class OshiHostSource implements ResourceSource {

  private final CentralProcessor cpu;
  private final GlobalMemory memory;
  private final VirtualMemory swap;
  private final HostIo io;
  private long[] prevTicks;

  OshiHostSource(CentralProcessor cpu, GlobalMemory memory, HostIo io) {
    this.cpu = cpu;
    this.memory = memory;
    this.swap = memory.getVirtualMemory();
    this.io = io;
  }

  @Override
  public String name() {
    return "host";
  }

  @Override
  public void sample(ResourceWriter out) {
    sampleCpu(out);
    sampleMemory(out);
    io.sample(out);
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
    HostMemory.memory(out, memory.getTotal(), memory.getAvailable(), 1);
    long swapTotal = swap.getSwapTotal();
    long swapUsed = swap.getSwapUsed();
    if (swapTotal >= 0 && swapUsed >= 0) {
      HostMemory.paging(out, swapUsed, Math.max(0, swapTotal - swapUsed), 1);
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
