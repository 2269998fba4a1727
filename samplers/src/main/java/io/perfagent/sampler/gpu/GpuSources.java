package io.perfagent.sampler.gpu;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes the {@code nvml} source when an NVIDIA driver answers. Any failure here, from a missing
 * library to a JNA that cannot load its own native part, means one info line and no source:
 * a machine without NVIDIA GPUs must not notice this class.
 */
public final class GpuSources {

  private GpuSources() {}

  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    String absent = NvidiaPresence.absence(settings);
    if (absent != null) {
      info.accept("no NVIDIA driver (" + absent + "): GPU sampling off");
      return List.of();
    }
    Nvml nvml = null;
    boolean initialized = false;
    try {
      nvml = Native.load(settings.nvmlLibrary(), Nvml.class);
      int rc = nvml.nvmlInit_v2();
      if (rc != Nvml.SUCCESS) {
        info.accept("no NVIDIA driver (nvmlInit_v2: " + describe(nvml, rc) + "): GPU sampling off");
        return List.of();
      }
      initialized = true;
      List<NvmlDevice> devices = devices(nvml);
      if (devices.isEmpty()) {
        nvml.nvmlShutdown();
        info.accept("no NVIDIA GPU that NVML can open: GPU sampling off");
        return List.of();
      }
      return List.of(new NvmlSource(nvml, devices, ProcessHandle.current().pid()));
    } catch (Throwable t) {
      if (initialized) {
        shutdownQuietly(nvml);
      }
      info.accept("no NVIDIA driver (" + firstLine(t) + "): GPU sampling off");
      return List.of();
    }
  }

  private static List<NvmlDevice> devices(Nvml nvml) {
    Memory out = new Memory(Nvml.STRING_BUFFER);
    if (nvml.nvmlDeviceGetCount_v2(out) != Nvml.SUCCESS) {
      return List.of();
    }
    int n = out.getInt(0);
    List<NvmlDevice> devices = new ArrayList<>(Math.max(0, n));
    for (int i = 0; i < n; i++) {
      // A device we cannot open (lost, or hidden by permissions) is left out, not fatal.
      if (nvml.nvmlDeviceGetHandleByIndex_v2(i, out) != Nvml.SUCCESS) {
        continue;
      }
      Pointer handle = out.getPointer(0);
      String uuid = string(nvml.nvmlDeviceGetUUID(handle, out, Nvml.STRING_BUFFER), out);
      String name = string(nvml.nvmlDeviceGetName(handle, out, Nvml.STRING_BUFFER), out);
      devices.add(
          new NvmlDevice(
              handle, i, uuid != null ? uuid : "nvidia-gpu-" + i, name != null ? name : "NVIDIA GPU"));
    }
    return devices;
  }

  private static String string(int rc, Memory buffer) {
    return rc == Nvml.SUCCESS ? buffer.getString(0) : null;
  }

  private static String describe(Nvml nvml, int rc) {
    try {
      return nvml.nvmlErrorString(rc) + " (" + rc + ")";
    } catch (Throwable t) {
      return "error " + rc;
    }
  }

  private static void shutdownQuietly(Nvml nvml) {
    try {
      nvml.nvmlShutdown();
    } catch (Throwable ignored) {
      // already on the way out with an info line
    }
  }

  /** JNA's load errors list every path it tried, over many lines; the first says enough. */
  private static String firstLine(Throwable t) {
    String m = String.valueOf(t.getMessage());
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    if (m.length() > 200) {
      m = m.substring(0, 200) + "…";
    }
    return t.getClass().getSimpleName() + ": " + m;
  }
}
