package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.rate.CpuShare;
import oshi.software.os.OSProcess;

/**
 * Source {@code process} where there is no procfs (macOS, Windows): this JVM's CPU share,
 * resident and virtual size, threads and open file descriptors, through OSHI's {@link
 * OSProcess} for the current pid, refreshed with {@code updateAttributes()} each tick. On Linux
 * that refresh cost about 0.1 to 0.5 ms of CPU per tick, so {@link ProcfsProcessSource} is
 * used there instead.
 */
final class OshiProcessSource implements ResourceSource {

  private final OSProcess process;
  private final CpuShare cpuShare;

  /** {@code processors}: the CPUs this JVM may use, the denominator of its utilization. */
  OshiProcessSource(OSProcess process, int processors) {
    this.process = process;
    this.cpuShare = new CpuShare(processors);
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public void sample(ResourceWriter out) {
    if (!process.updateAttributes()) {
      throw new IllegalStateException("OSHI could not refresh process " + process.getProcessID());
    }
    long wall = System.nanoTime();
    long cpuMillis = process.getKernelTime() + process.getUserTime();
    double share = cpuShare.next(cpuMillis * 1_000_000L, wall);
    if (!Double.isNaN(share)) {
      out.gauge("process.cpu.utilization", "1", share);
    }
    out.gauge("process.memory.usage", "By", process.getResidentSetSize());
    out.gauge("process.memory.virtual", "By", process.getVirtualSize());
    out.gauge("process.thread.count", "{thread}", process.getThreadCount());
    long fds = process.getOpenFiles();
    if (fds >= 0) {
      out.gauge("process.unix.file_descriptor.count", "{file_descriptor}", fds);
    }
  }
}
