package io.perfagent.sampler.jvm;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import java.util.List;
import java.util.function.Consumer;

/** Placeholder: the jvm sources are being written. */
public final class JvmSources {

  private JvmSources() {}

  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    return List.of();
  }
}
