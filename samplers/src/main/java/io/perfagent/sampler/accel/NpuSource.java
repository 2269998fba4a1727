package io.perfagent.sampler.accel;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import io.perfagent.sampler.rate.CpuShare;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Source {@code npu}: NPUs of the Linux accel class that publish {@code npu_busy_time_us} (the
 * Intel ivpu driver, see the kernel's Documentation/ABI/testing/sysfs-driver-ivpu). Writes
 * {@code hw.npu.utilization} from the busy time's growth over wall time and {@code
 * hw.npu.memory.usage} from {@code npu_memory_utilization}, which despite its name is bytes.
 */
final class NpuSource implements ResourceSource {

  private record Npu(Path busy, Path memory, String[] attributes, CpuShare rate) {}

  private final List<Npu> npus;
  private final LongSupplier nanoClock;
  private final SmallFile file = new SmallFile(64);

  NpuSource(List<Path> deviceDirs, LongSupplier nanoClock) {
    List<Npu> list = new ArrayList<>();
    for (Path dev : deviceDirs) {
      list.add(
          new Npu(
              dev.resolve("npu_busy_time_us"),
              dev.resolve("npu_memory_utilization"),
              attributes(dev),
              new CpuShare(1)));
    }
    this.npus = List.copyOf(list);
    this.nanoClock = nanoClock;
  }

  /** {@code <sysfs>/class/accel/accel*}{@code /device} dirs that have {@code npu_busy_time_us}. */
  static List<Path> find(Path sysfs) {
    return SysfsDevices.find(sysfs, "accel", "accel", "npu_busy_time_us");
  }

  private static String[] attributes(Path deviceDir) {
    String id = deviceDir.getParent().getFileName().toString(); // accelN
    Uevent u = Uevent.read(deviceDir.resolve("uevent"));
    List<String> a = new ArrayList<>(List.of("hw.id", id, "hw.type", "npu"));
    a.add("hw.name");
    a.add(u.pciId() != null ? u.pciId() : id);
    String vendor = vendor(u);
    if (vendor != null) {
      a.add("hw.vendor");
      a.add(vendor);
    }
    return a.toArray(String[]::new);
  }

  private static String vendor(Uevent u) {
    if ("intel_vpu".equals(u.driver()) || "ivpu".equals(u.driver())) {
      return "intel";
    }
    return u.pciId() != null && u.pciId().toUpperCase().startsWith("8086:") ? "intel" : null;
  }

  @Override
  public String name() {
    return "npu";
  }

  @Override
  public void sample(ResourceWriter out) {
    for (Npu n : npus) {
      long busyUs = file.readLong(n.busy());
      long now = nanoClock.getAsLong();
      if (busyUs != SmallFile.NONE) {
        double u = n.rate().next(busyUs * 1000, now);
        if (!Double.isNaN(u)) {
          // the driver adds the running job's time on read, so a read can run slightly ahead
          out.gauge("hw.npu.utilization", "1", Math.min(1.0, Math.max(0.0, u)), n.attributes());
        }
      }
      long bytes = file.readLong(n.memory());
      if (bytes != SmallFile.NONE) {
        out.gauge("hw.npu.memory.usage", "By", bytes, n.attributes());
      }
    }
  }
}
