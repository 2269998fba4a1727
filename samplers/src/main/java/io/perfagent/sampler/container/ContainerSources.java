package io.perfagent.sampler.container;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Makes the {@code container} source when this process's cgroup files can be read. */
public final class ContainerSources {

  private ContainerSources() {}

  /** Never throws; an empty list (and one info line) when no cgroup file is readable. */
  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    try {
      CgroupReader reader =
          reader(settings.cgroupRoot(), CgroupPaths.read(settings.procfsRoot()));
      CgroupReading probe = new CgroupReading();
      reader.read(probe);
      if (!probe.any()) {
        info.accept("container: no readable cgroup files under " + settings.cgroupRoot());
        return List.of();
      }
      return List.of(new ContainerSource(reader, System::nanoTime));
    } catch (Exception | LinkageError e) {
      info.accept("container: left out (" + e + ")");
      return List.of();
    }
  }

  /**
   * v1 when a v1 cpu/cpuacct/memory controller is listed (pure v1, or a hybrid host where v2
   * is mounted but holds no controllers), v2 otherwise.
   */
  static CgroupReader reader(Path root, CgroupPaths paths) {
    if (paths.hasV1Controllers()) {
      return new CgroupV1Reader(
          v1Dir(root, "cpu", paths.v1Cpu()),
          v1Dir(root, "cpuacct", paths.v1Cpuacct()),
          v1Dir(root, "memory", paths.v1Memory()));
    }
    return new CgroupV2Reader(CgroupPaths.under(root, paths.v2()));
  }

  /** {@code root/cpu/path}; where cpu and cpuacct share a mount, {@code root/cpu,cpuacct/path}. */
  private static Path v1Dir(Path root, String controller, String path) {
    Path mount = root.resolve(controller);
    if (!mount.toFile().isDirectory()) {
      mount = root.resolve("cpu,cpuacct");
    }
    return CgroupPaths.under(mount, path);
  }
}
