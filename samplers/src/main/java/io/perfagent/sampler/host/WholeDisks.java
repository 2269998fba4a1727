package io.perfagent.sampler.host;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The whole disks {@link DiskIo} reports, named once at creation from {@code <sysfs>/block}
 * (partitions live below their disk there, so the top level holds only whole devices). Loop
 * and RAM disks are left out, as OSHI's Linux disk list leaves them out. Read directly rather
 * than through OSHI's {@code getDiskStores()} so that Linux hosts need no OSHI {@code
 * SystemInfo} at all, whose creation costs about half a second of class loading and JNA set-up.
 */
final class WholeDisks {

  private WholeDisks() {}

  /** Sorted names ({@code sda}, {@code nvme0n1}); empty when the directory cannot be listed. */
  static List<String> list(Path sysfsRoot) {
    String[] names;
    try {
      names = sysfsRoot.resolve("block").toFile().list();
    } catch (RuntimeException e) {
      return List.of();
    }
    if (names == null) {
      return List.of();
    }
    return Arrays.stream(names)
        .filter(n -> !n.startsWith("loop") && !n.startsWith("ram"))
        .sorted()
        .toList();
  }
}
