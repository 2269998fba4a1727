package io.perfagent.sampler.host;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import java.util.List;
import java.util.function.Consumer;

/** Placeholder: the host sources are being written. */
public final class HostSources {

  private HostSources() {}

  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    return List.of();
  }
}
