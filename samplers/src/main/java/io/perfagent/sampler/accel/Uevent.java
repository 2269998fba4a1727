package io.perfagent.sampler.accel;

import io.perfagent.sampler.procfs.SmallFile;
import java.nio.file.Path;

/** The few {@code KEY=value} lines of a sysfs {@code device/uevent} we name devices by. */
record Uevent(String driver, String pciId) {

  static Uevent read(Path file) {
    String text = read(new SmallFile(4096), file);
    String driver = null;
    String pciId = null;
    if (text != null) {
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String value = line.substring(eq + 1).trim();
        switch (line.substring(0, eq)) {
          case "DRIVER" -> driver = value;
          case "PCI_ID" -> pciId = value;
          default -> {}
        }
      }
    }
    return new Uevent(driver, pciId);
  }

  /** Read once per device at creation, so a String is fine here. */
  private static String read(SmallFile f, Path file) {
    return f.load(file) ? f.text(0, f.length()) : null;
  }
}
