package io.perfagent.sampler.container;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.util.function.LongSupplier;

/**
 * Source {@code container}: this process's cgroup CPU and memory use against its limits. The
 * files are re-read every tick because limits change under a running container (vertical
 * autoscalers, {@code docker update}).
 */
final class ContainerSource implements ResourceSource {

  private static final double NANOS = 1e9;

  private final CgroupReader reader;
  private final LongSupplier nanoClock;
  private final CgroupReading now = new CgroupReading();
  private long prevCpuNanos = SmallFile.NONE;
  private long prevWallNanos;

  ContainerSource(CgroupReader reader, LongSupplier nanoClock) {
    this.reader = reader;
    this.nanoClock = nanoClock;
  }

  @Override
  public String name() {
    return "container";
  }

  @Override
  public void sample(ResourceWriter out) {
    reader.read(now);
    long wall = nanoClock.getAsLong();
    if (now.cpuUsageNanos >= 0) {
      out.counter("container.cpu.time", "s", now.cpuUsageNanos / NANOS);
    }
    if (now.throttledNanos >= 0) {
      out.counter("perf.container.cpu.throttled.time", "s", now.throttledNanos / NANOS);
    }
    double cores = now.cpuLimitCores();
    if (cores > 0) {
      out.gauge("perf.container.cpu.limit", "{cpu}", cores);
      long dCpu = now.cpuUsageNanos - prevCpuNanos;
      long dWall = wall - prevWallNanos;
      // prev < 0: first tick or unreadable last time; dCpu < 0: the counter was reset
      if (prevCpuNanos >= 0 && now.cpuUsageNanos >= 0 && dCpu >= 0 && dWall > 0) {
        out.gauge("perf.container.cpu.utilization", "1", dCpu / (dWall * cores));
      }
    }
    prevCpuNanos = now.cpuUsageNanos;
    prevWallNanos = wall;
    if (now.memoryUsageBytes >= 0) {
      out.gauge("container.memory.usage", "By", now.memoryUsageBytes);
    }
    if (now.memoryLimitBytes > 0) {
      out.gauge("perf.container.memory.limit", "By", now.memoryLimitBytes);
      if (now.memoryUsageBytes >= 0) {
        out.gauge(
            "container.memory.utilization", "1", (double) now.memoryUsageBytes / now.memoryLimitBytes);
      }
    }
  }
}
