package io.perfagent.sampler.gpu;

import io.perfagent.sampler.SamplerSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether an NVIDIA driver could be here at all, asked before JNA is touched: starting JNA
 * (unpacking and loading its native part) costs about 160 ms of CPU, which a machine without
 * NVIDIA GPUs should not pay. Any sign counts: the driver's procfs entry, its control device,
 * or the NVML library in a usual place. A library named in {@code sample.nvml.library} is
 * always tried.
 */
final class NvidiaPresence {

  /** Where distributions, CUDA containers and WSL put libnvidia-ml. */
  private static final String[] LIBRARY_DIRS = {"/usr/lib/x86_64-linux-gnu",
      "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/nvidia/lib64",
      "/usr/local/nvidia/lib", "/usr/lib/wsl/lib"};

  private NvidiaPresence() {}

  /** Null when a driver may be present; otherwise why it is not. */
  static String absence(SamplerSettings settings) {
    if (settings.nvmlLibraryConfigured()) {
      return null;
    }
    if (Files.exists(settings.procfsRoot().resolve("driver/nvidia"))
        || Files.exists(Path.of("/dev/nvidiactl"))) {
      return null;
    }
    for (String dir : LIBRARY_DIRS) {
      if (Files.exists(Path.of(dir, "libnvidia-ml.so.1"))
          || Files.exists(Path.of(dir, "libnvidia-ml.so"))) {
        return null;
      }
    }
    return "no /proc/driver/nvidia, /dev/nvidiactl or libnvidia-ml";
  }
}
