package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code system.disk.io} per whole disk from {@code <procfs>/diskstats} (sectors read and
 * written, 512 bytes each whatever the device's block size). The disks are named once from
 * {@code <sysfs>/block} ({@link WholeDisks}, partitions excluded); their counters are not read
 * through OSHI because {@code HWDiskStore.updateAttributes()} walks udev and cost about 5 ms of
 * CPU per tick on Linux, one read of this file a few microseconds.
 */
final class DiskIo {

  private static final double SECTOR = 512;
  /** Fields after the device name: reads, reads merged, sectors read, ms, writes, merged, sectors written. */
  private static final int SECTORS_READ = 2;
  private static final int SECTORS_WRITTEN = 6;

  private final Path file;
  private final byte[][] names;
  private final String[][] readAttrs;
  private final String[][] writeAttrs;
  private final SmallFile reader = new SmallFile(16384);

  DiskIo(Path procfsRoot, List<String> deviceNames) {
    this.file = procfsRoot.resolve("diskstats");
    int n = deviceNames.size();
    this.names = new byte[n][];
    this.readAttrs = new String[n][];
    this.writeAttrs = new String[n][];
    for (int i = 0; i < n; i++) {
      String name = deviceNames.get(i);
      names[i] = SmallFile.ascii(name);
      readAttrs[i] = new String[] {"system.device", name, "disk.io.direction", "read"};
      writeAttrs[i] = new String[] {"system.device", name, "disk.io.direction", "write"};
    }
  }

  void sample(ResourceWriter out) {
    if (names.length == 0 || !reader.load(file)) {
      return;
    }
    for (int line = 0; line < reader.length(); line = reader.nextLine(line)) {
      // "   8       0 sda 1234 0 5678 ...": skip major and minor, then the name
      int at = reader.skipSpaces(line);
      at = reader.skipSpaces(reader.tokenEnd(at, (byte) 0));
      at = reader.skipSpaces(reader.tokenEnd(at, (byte) 0));
      int nameEnd = reader.tokenEnd(at, (byte) 0);
      // skipSpaces crosses newlines: a short or blank line must not borrow the next one
      if (nameEnd > reader.lineEnd(line)) {
        continue;
      }
      int disk = indexOf(at, nameEnd);
      if (disk < 0) {
        continue;
      }
      long read = reader.fieldOnLine(nameEnd, SECTORS_READ);
      long written = reader.fieldOnLine(nameEnd, SECTORS_WRITTEN);
      if (read >= 0) {
        out.counter("system.disk.io", "By", read * SECTOR, readAttrs[disk]);
      }
      if (written >= 0) {
        out.counter("system.disk.io", "By", written * SECTOR, writeAttrs[disk]);
      }
    }
  }

  private int indexOf(int from, int to) {
    for (int i = 0; i < names.length; i++) {
      if (reader.regionEquals(from, to, names[i])) {
        return i;
      }
    }
    return -1;
  }
}
