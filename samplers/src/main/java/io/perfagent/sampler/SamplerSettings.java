package io.perfagent.sampler;

import java.nio.file.Path;
import java.util.Map;

/** The samplers' settings, read from the string map the agent passes (see the factory). */
public final class SamplerSettings {

  private final Map<String, String> values;

  public SamplerSettings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public Path sysfsRoot() {
    return Path.of(values.getOrDefault("sample.sysfs.root", "/sys"));
  }

  public Path procfsRoot() {
    return Path.of(values.getOrDefault("sample.procfs.root", "/proc"));
  }

  public Path cgroupRoot() {
    return Path.of(values.getOrDefault("sample.cgroup.root", "/sys/fs/cgroup"));
  }

  /** A file path or a library name for JNA; {@code nvidia-ml} by default. */
  public String nvmlLibrary() {
    String v = values.getOrDefault("sample.nvml.library", "");
    return v.isBlank() ? "nvidia-ml" : v;
  }

  /** True when {@code sample.nvml.library} names a library: it is tried whatever the host. */
  public boolean nvmlLibraryConfigured() {
    return !values.getOrDefault("sample.nvml.library", "").isBlank();
  }

  public boolean gpuEnabled() {
    return !"off".equalsIgnoreCase(values.getOrDefault("sample.gpu", "auto"));
  }
}
