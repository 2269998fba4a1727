package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.container.IoPressure;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import oshi.SystemInfo;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Makes the {@code host} and {@code process} sources over one OSHI {@link SystemInfo}; its
 * hardware and OS objects are created here once (the first costs about half a second of class
 * loading and JNA set-up) and reused every tick.
 */
public final class HostSources {

  private HostSources() {}

  /** Never throws: a source that cannot be made is left out with one info line. */
  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    List<ResourceSource> out = new ArrayList<>(2);
    SystemInfo si;
    try {
      si = new SystemInfo();
    } catch (Exception | LinkageError e) {
      info.accept("host, process: left out, OSHI unavailable (" + e + ")");
      return out;
    }
    try {
      out.add(host(si.getHardware(), settings));
    } catch (Exception | LinkageError e) {
      info.accept("host: left out (" + e + ")");
    }
    try {
      if (Files.isReadable(settings.procfsRoot().resolve("self/status"))) {
        out.add(procfsProcess(settings));
        return out;
      }
      OperatingSystem os = si.getOperatingSystem();
      OSProcess self = os.getProcess(os.getProcessId());
      if (self == null) {
        info.accept("process: left out, OSHI cannot see pid " + os.getProcessId());
      } else {
        out.add(new OshiProcessSource(self, Runtime.getRuntime().availableProcessors()));
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

  private static HostSource host(HardwareAbstractionLayer hal, SamplerSettings settings) {
    DiskIo disks = null;
    if (Files.isReadable(settings.procfsRoot().resolve("diskstats"))) {
      List<String> names = new ArrayList<>();
      for (HWDiskStore d : hal.getDiskStores()) {
        String n = d.getName();
        names.add(n.startsWith("/dev/") ? n.substring(5) : n);
      }
      disks = new DiskIo(settings.procfsRoot(), names);
    }
    NetworkIo network =
        Files.isReadable(settings.procfsRoot().resolve("net/dev"))
            ? new NetworkIo(settings.procfsRoot())
            : null;
    IoPressure psi = IoPressure.open(settings.procfsRoot(), settings.cgroupRoot(), System::nanoTime);
    return new HostSource(hal.getProcessor(), hal.getMemory(), disks, network, psi);
  }
}
