package io.perfagent.sampler.accel;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes the {@code npu}, {@code amdgpu} and {@code drm-fdinfo} sources, each only where its
 * files exist; none of them needs a native library.
 */
public final class AccelSources {

  private AccelSources() {}

  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    List<ResourceSource> out = new ArrayList<>();
    Path sysfs = settings.sysfsRoot();
    Path procfs = settings.procfsRoot();
    try {
      List<Path> npus = NpuSource.find(sysfs);
      if (!npus.isEmpty()) {
        out.add(new NpuSource(npus, System::nanoTime));
      }
    } catch (RuntimeException e) {
      info.accept("NPU sysfs unreadable (" + e + "): NPU sampling off");
    }
    try {
      List<Path> cards = AmdGpuSource.find(sysfs);
      if (!cards.isEmpty()) {
        out.add(new AmdGpuSource(cards));
      }
    } catch (RuntimeException e) {
      info.accept("amdgpu sysfs unreadable (" + e + "): AMD GPU sampling off");
    }
    try {
      // Without any DRM or accel device this process cannot hold a DRM fd: skip the fd walks.
      if (Files.isDirectory(procfs.resolve("self/fdinfo"))
          && (hasEntries(sysfs.resolve("class/drm")) || hasEntries(sysfs.resolve("class/accel")))) {
        out.add(new DrmFdinfoSource(procfs, System::nanoTime));
      }
    } catch (RuntimeException e) {
      info.accept("fdinfo unreadable (" + e + "): process accelerator time off");
    }
    return out;
  }

  private static boolean hasEntries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      return ds.iterator().hasNext();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
