package io.perfagent.sampler.accel;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import java.util.List;
import java.util.function.Consumer;

/** Placeholder: the accel sources are being written. */
public final class AccelSources {

  private AccelSources() {}

  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    return List.of();
  }
}
