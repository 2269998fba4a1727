package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.container.SmallFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Source {@code process} on Linux: RSS, virtual size and threads from one read of
 * {@code <procfs>/self/status}, open descriptors by counting {@code <procfs>/self/fd}, and CPU
 * time from the JVM ({@code OperatingSystemMXBean.getProcessCpuTime}, nanoseconds). OSHI's
 * {@code OSProcess.updateAttributes()} reads the same facts but cost 0.1 to 0.5 ms of CPU per
 * tick under test (it also reads io, exe, cmdline and more); this costs a few tens of µs.
 */
final class ProcfsProcessSource implements ResourceSource {

  private static final byte[] VM_RSS = SmallFile.ascii("VmRSS:");
  private static final byte[] VM_SIZE = SmallFile.ascii("VmSize:");
  private static final byte[] THREADS = SmallFile.ascii("Threads:");
  private static final double KIB = 1024;

  private final Path status;
  private final Path fdDir;
  private final LongSupplier cpuNanos;
  private final int processors;
  private final SmallFile reader = new SmallFile(4096);
  private long prevCpuNanos = -1;
  private long prevWallNanos;

  /** {@code cpuNanos}: this process's CPU time, negative when unknown. */
  ProcfsProcessSource(Path procfsRoot, LongSupplier cpuNanos, int processors) {
    this.status = procfsRoot.resolve("self/status");
    this.fdDir = procfsRoot.resolve("self/fd");
    this.cpuNanos = cpuNanos;
    this.processors = Math.max(1, processors);
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public void sample(ResourceWriter out) {
    long cpu = cpuNanos.getAsLong();
    long wall = System.nanoTime();
    long dCpu = cpu - prevCpuNanos;
    long dWall = wall - prevWallNanos;
    if (prevCpuNanos >= 0 && cpu >= 0 && dCpu >= 0 && dWall > 0) {
      out.gauge("process.cpu.utilization", "1", dCpu / ((double) dWall * processors));
    }
    prevCpuNanos = cpu;
    prevWallNanos = wall;
    if (reader.load(status)) {
      long rss = reader.keyed(VM_RSS);
      long size = reader.keyed(VM_SIZE);
      long threads = reader.keyed(THREADS);
      if (rss >= 0) {
        out.gauge("process.memory.usage", "By", rss * KIB);
      }
      if (size >= 0) {
        out.gauge("process.memory.virtual", "By", size * KIB);
      }
      if (threads >= 0) {
        out.gauge("process.thread.count", "{thread}", threads);
      }
    }
    long fds = countFds();
    if (fds >= 0) {
      out.gauge("process.unix.file_descriptor.count", "{file_descriptor}", fds);
    }
  }

  private long countFds() {
    long n = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
      for (Path ignored : entries) {
        n++;
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    // the directory stream's own descriptor is listed too
    return Math.max(0, n - 1);
  }
}
