package io.perfagent.sampler.accel;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Source {@code amdgpu}: AMD GPUs through the amdgpu driver's sysfs files under {@code
 * <sysfs>/class/drm/cardN/device}: {@code gpu_busy_percent} (0..100, the driver's own recent
 * average, so no delta is needed), {@code mem_info_vram_used} and {@code mem_info_vram_total}.
 */
final class AmdGpuSource implements ResourceSource {

  private record Card(Path busy, Path used, Path total, String[] attributes) {}

  private final List<Card> cards;
  private final SmallFile file = new SmallFile(64);

  AmdGpuSource(List<Path> deviceDirs) {
    List<Card> list = new ArrayList<>();
    for (Path dev : deviceDirs) {
      String id = dev.getParent().getFileName().toString(); // cardN
      Uevent u = Uevent.read(dev.resolve("uevent"));
      list.add(
          new Card(
              dev.resolve("gpu_busy_percent"),
              dev.resolve("mem_info_vram_used"),
              dev.resolve("mem_info_vram_total"),
              new String[] {
                "hw.id", id,
                "hw.name", u.pciId() != null ? u.pciId() : id,
                "hw.vendor", "amd",
                "hw.type", "gpu"
              }));
    }
    this.cards = List.copyOf(list);
  }

  /**
   * {@code cardN/device} dirs with {@code gpu_busy_percent}; connector entries such as {@code
   * card0-DP-1} point at the same device and are left out by the name pattern.
   */
  static List<Path> find(Path sysfs) {
    return SysfsDevices.find(sysfs, "drm", "card", "gpu_busy_percent");
  }

  @Override
  public String name() {
    return "amdgpu";
  }

  @Override
  public void sample(ResourceWriter out) {
    for (Card c : cards) {
      String[] a = c.attributes();
      long busy = file.readLong(c.busy());
      if (busy != SmallFile.NONE && busy <= 100) {
        out.gauge("hw.gpu.utilization", "1", busy / 100.0, a);
      }
      long used = file.readLong(c.used());
      long total = file.readLong(c.total());
      if (used != SmallFile.NONE) {
        out.gauge("hw.gpu.memory.usage", "By", used, a);
      }
      if (total != SmallFile.NONE) {
        out.gauge("hw.gpu.memory.limit", "By", total, a);
      }
      if (used != SmallFile.NONE && total != SmallFile.NONE && total > 0) {
        out.gauge("hw.gpu.memory.utilization", "1", (double) used / total, a);
      }
    }
  }
}
