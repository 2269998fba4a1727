package io.perfagent.sampler.container;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.rate.CpuShare;
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
  /** One CPU here: the quota, read each tick, is passed with each reading. */
  private final CpuShare cpuShare = new CpuShare(1);

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
    // every tick, limited or not, so that the next limited tick has this one as its baseline;
    // NaN on the first tick, after an unreadable one, or when the counter was reset
    double share = cpuShare.next(now.cpuUsageNanos, wall, cores);
    if (cores > 0) {
      out.gauge("perf.container.cpu.limit", "{cpu}", cores);
      if (!Double.isNaN(share)) {
        out.gauge("perf.container.cpu.utilization", "1", share);
      }
    }
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
