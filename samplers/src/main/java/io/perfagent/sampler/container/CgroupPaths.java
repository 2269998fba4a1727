package io.perfagent.sampler.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this process's cgroup lives, from {@code <procfs>/self/cgroup}: the v2 path (line
 * {@code 0::/path}) and the v1 paths of the {@code cpu}, {@code cpuacct} and {@code memory}
 * controllers ({@code N:cpu,cpuacct:/path}). Read once; a process does not change cgroup in
 * the cases we care about. A missing path is {@code null}.
 */
public final class CgroupPaths {

  private final String v2;
  private final String v1Cpu;
  private final String v1Cpuacct;
  private final String v1Memory;

  CgroupPaths(String v2, String v1Cpu, String v1Cpuacct, String v1Memory) {
    this.v2 = v2;
    this.v1Cpu = v1Cpu;
    this.v1Cpuacct = v1Cpuacct;
    this.v1Memory = v1Memory;
  }

  /** Never throws: an unreadable file gives no paths at all. */
  public static CgroupPaths read(Path procfsRoot) {
    try {
      return parse(Files.readString(procfsRoot.resolve("self/cgroup"), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return new CgroupPaths(null, null, null, null);
    }
  }

  static CgroupPaths parse(String content) {
    String v2 = null;
    String cpu = null;
    String cpuacct = null;
    String memory = null;
    for (String line : content.split("\n")) {
      int c1 = line.indexOf(':');
      int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
      if (c2 < 0) {
        continue;
      }
      String controllers = line.substring(c1 + 1, c2);
      String path = line.substring(c2 + 1).trim();
      if (path.isEmpty()) {
        continue;
      }
      if (controllers.isEmpty() && line.startsWith("0:")) {
        v2 = path;
        continue;
      }
      for (String ctl : controllers.split(",")) {
        switch (ctl) {
          case "cpu" -> cpu = path;
          case "cpuacct" -> cpuacct = path;
          case "memory" -> memory = path;
          default -> {}
        }
      }
    }
    return new CgroupPaths(v2, cpu, cpuacct, memory);
  }

  /** The v2 path ({@code /} inside a cgroup namespace), or null on a v1-only host. */
  public String v2() {
    return v2;
  }

  public String v1Cpu() {
    return v1Cpu;
  }

  public String v1Cpuacct() {
    return v1Cpuacct;
  }

  public String v1Memory() {
    return v1Memory;
  }

  /** True when a v1 controller we read is mounted: then v1 holds the limits (hybrid hosts). */
  public boolean hasV1Controllers() {
    return v1Cpu != null || v1Cpuacct != null || v1Memory != null;
  }

  /**
   * {@code root/relative}, or {@code root} itself when that directory does not exist: inside a
   * container without a cgroup namespace the path names the host's view, while the container
   * sees its own cgroup mounted at the root.
   */
  static Path under(Path root, String relative) {
    if (relative == null) {
      return root;
    }
    String r = relative.startsWith("/") ? relative.substring(1) : relative;
    if (r.isEmpty()) {
      return root;
    }
    Path p = root.resolve(r);
    return Files.isDirectory(p) ? p : root;
  }
}
