package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.container.IoPressure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Makes the {@code host} and {@code process} sources, choosing once how each reads: from
 * procfs where its files are readable (Linux), through OSHI otherwise. OSHI's {@link
 * SystemInfo} is made only when one of them needs it: its first creation costs about half a
 * second of class loading and JNA set-up, and its objects are then reused every tick.
 */
public final class HostSources {

  private HostSources() {}

  /** Never throws: a source that cannot be made is left out with one info line. */
  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    List<ResourceSource> out = new ArrayList<>(2);
    Path proc = settings.procfsRoot();
    boolean procfsHost;
    boolean procfsProcess;
    try {
      procfsHost = Files.isReadable(proc.resolve("stat")) && Files.isReadable(proc.resolve("meminfo"));
      procfsProcess = Files.isReadable(proc.resolve("self/status"));
    } catch (RuntimeException e) {
      procfsHost = false;
      procfsProcess = false;
    }
    SystemInfo si = null;
    if (!procfsHost || !procfsProcess) {
      try {
        si = new SystemInfo();
      } catch (Exception | LinkageError e) {
        String left = procfsHost ? "process" : procfsProcess ? "host" : "host, process";
        info.accept(left + ": left out, OSHI unavailable (" + e + ")");
      }
    }
    try {
      if (procfsHost) {
        out.add(new ProcfsHostSource(proc, io(settings)));
      } else if (si != null) {
        out.add(
            new OshiHostSource(
                si.getHardware().getProcessor(), si.getHardware().getMemory(), io(settings)));
      }
    } catch (Exception | LinkageError e) {
      info.accept("host: left out (" + e + ")");
    }
    try {
      if (procfsProcess) {
        out.add(procfsProcess(settings));
      } else if (si != null) {
        OperatingSystem os = si.getOperatingSystem();
        OSProcess self = os.getProcess(os.getProcessId());
        if (self == null) {
          info.accept("process: left out, OSHI cannot see pid " + os.getProcessId());
        } else {
          out.add(new OshiProcessSource(self, Runtime.getRuntime().availableProcessors()));
        }
      }
    } catch (Exception | LinkageError e) {
      info.accept("process: left out (" + e + ")");
    }
    return out;
  }

  private static ProcfsProcessSource procfsProcess(SamplerSettings settings) {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    java.util.function.LongSupplier cpu =
        os instanceof com.sun.management.OperatingSystemMXBean sun
            ? sun::getProcessCpuTime
            : () -> -1;
    return new ProcfsProcessSource(
        settings.procfsRoot(), cpu, Runtime.getRuntime().availableProcessors());
  }

  private static HostIo io(SamplerSettings settings) {
    Path proc = settings.procfsRoot();
    DiskIo disks =
        Files.isReadable(proc.resolve("diskstats"))
            ? new DiskIo(proc, WholeDisks.list(settings.sysfsRoot()))
            : null;
    NetworkIo network = Files.isReadable(proc.resolve("net/dev")) ? new NetworkIo(proc) : null;
    IoPressure psi = IoPressure.open(proc, settings.cgroupRoot(), System::nanoTime);
    return new HostIo(disks, network, psi);
  }
}
