package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import io.perfagent.sampler.rate.CpuShare;
import java.io.File;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Source {@code process} on Linux: RSS, virtual size and threads from one read of
 * {@code <procfs>/self/status}, open descriptors by listing {@code <procfs>/self/fd}, and CPU
 * time from the JVM ({@code OperatingSystemMXBean.getProcessCpuTime}, nanoseconds). OSHI's
 * {@code OSProcess.updateAttributes()} reads the same facts but cost 0.1 to 0.5 ms of CPU per
 * tick under test (it also reads io, exe, cmdline and more); this costs a few tens of µs.
 */
final class ProcfsProcessSource implements ResourceSource {

  /** In file order; one pass over the lines finds all three (see {@link SmallFile#keyedAll}). */
  private static final byte[][] KEYS = {
    SmallFile.ascii("VmSize:"), SmallFile.ascii("VmRSS:"), SmallFile.ascii("Threads:")
  };
  private static final double KIB = 1024;

  private final Path status;
  private final File fdDir;
  private final LongSupplier cpuNanos;
  private final CpuShare cpuShare;
  private final SmallFile reader = new SmallFile(4096);
  private final long[] values = new long[KEYS.length];

  /** {@code cpuNanos}: this process's CPU time, negative when unknown. */
  ProcfsProcessSource(Path procfsRoot, LongSupplier cpuNanos, int processors) {
    this.status = procfsRoot.resolve("self/status");
    this.fdDir = procfsRoot.resolve("self/fd").toFile();
    this.cpuNanos = cpuNanos;
    this.cpuShare = new CpuShare(processors);
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public void sample(ResourceWriter out) {
    double share = cpuShare.next(cpuNanos.getAsLong(), System.nanoTime());
    if (!Double.isNaN(share)) {
      out.gauge("process.cpu.utilization", "1", share);
    }
    if (reader.load(status)) {
      reader.keyedAll(KEYS, values);
      long size = values[0];
      long rss = values[1];
      long threads = values[2];
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
    // File.list reads the directory in one native loop into Strings; a DirectoryStream makes
    // a Path per entry, which interpreted cost about twice as much with a few dozen fds
    String[] names;
    try {
      names = fdDir.list();
    } catch (RuntimeException e) {
      return -1;
    }
    if (names == null) {
      return -1;
    }
    // the descriptor that lists the directory is listed too
    return Math.max(0, names.length - 1);
  }
}
