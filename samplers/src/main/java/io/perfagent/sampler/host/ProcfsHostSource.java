package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import java.nio.file.Path;

/**
 * Source {@code host} on Linux: CPU utilization, load, memory and swap from {@code
 * <procfs>/stat}, {@code loadavg} and {@code meminfo} read directly (one read of each into a
 * reused buffer), disk, network and I/O pressure as in {@link HostIo}. OSHI reads the same
 * files but, run interpreted as the sampler thread is at one tick a second, its regex and
 * List parsing cost about 2.4 ms of CPU per tick; {@link OshiHostSource} remains where these
 * files do not exist.
 */
final class ProcfsHostSource implements ResourceSource {

  private final ProcStatCpu cpu;
  private final ProcLoadAverage load;
  private final ProcMemInfo memory;
  private final HostIo io;

  ProcfsHostSource(Path procfsRoot, HostIo io) {
    this.cpu = new ProcStatCpu(procfsRoot);
    this.load = new ProcLoadAverage(procfsRoot);
    this.memory = new ProcMemInfo(procfsRoot);
    this.io = io;
  }

  @Override
  public String name() {
    return "host";
  }

  @Override
  public void sample(ResourceWriter out) {
    cpu.sample(out);
    load.sample(out);
    memory.sample(out);
    io.sample(out);
  }
}
