package io.perfagent.sampler;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceSourceFactory;
import io.perfagent.sampler.accel.AccelSources;
import io.perfagent.sampler.container.ContainerSources;
import io.perfagent.sampler.gpu.GpuSources;
import io.perfagent.sampler.host.HostSources;
import io.perfagent.sampler.jvm.JvmSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Every source this machine supports, host first (its CPU reading anchors the tick). */
public final class DefaultSourceFactory implements ResourceSourceFactory {

  @Override
  public List<ResourceSource> create(Map<String, String> settings, Consumer<String> info) {
    SamplerSettings s = new SamplerSettings(settings);
    List<ResourceSource> out = new ArrayList<>();
    out.addAll(HostSources.create(s, info));
    out.addAll(JvmSources.create(s, info));
    out.addAll(ContainerSources.create(s, info));
    if (s.gpuEnabled()) {
      out.addAll(GpuSources.create(s, info));
    }
    out.addAll(AccelSources.create(s, info));
    return out;
  }
}
