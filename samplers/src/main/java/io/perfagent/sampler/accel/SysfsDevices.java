package io.perfagent.sampler.accel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the devices of one sysfs class that expose a given counter file. */
final class SysfsDevices {

  private SysfsDevices() {}

  /**
   * The {@code <sysfs>/class/<cls>/<entry>/device} dirs, sorted, whose entry name is a
   * {@code prefix} followed by digits only (connector entries such as {@code card0-DP-1} are
   * left out) and that have {@code file}. An unlistable class dir means none.
   */
  static List<Path> find(Path sysfs, String cls, String prefix, String file) {
    List<Path> found = new ArrayList<>();
    Path dir = sysfs.resolve("class").resolve(cls);
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
        p -> p.getFileName().toString().matches(prefix + "[0-9]+"))) {
      for (Path p : ds) {
        if (Files.isRegularFile(p.resolve("device").resolve(file))) {
          found.add(p.resolve("device"));
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unlistable class dir is no device
    }
    found.sort(null);
    return found;
  }
}
