package io.perfagent.bootstrap.resource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Found with {@link java.util.ServiceLoader} in the samplers' own class loader: makes the
 * sources this machine supports. A source that cannot work here (no NVIDIA driver, no cgroup
 * files) is left out, with at most one line to {@code info}.
 *
 * <p>Settings (all optional, strings): {@code sample.sysfs.root}
 * ({@code /sys}); {@code sample.procfs.root} ({@code /proc}); {@code sample.cgroup.root}
 * ({@code /sys/fs/cgroup}); {@code sample.nvml.library} (file or library name, default
 * {@code nvidia-ml}); {@code sample.gpu} ({@code auto} or {@code off}).
 */
public interface ResourceSourceFactory {

  List<ResourceSource> create(Map<String, String> settings, Consumer<String> info);
}
