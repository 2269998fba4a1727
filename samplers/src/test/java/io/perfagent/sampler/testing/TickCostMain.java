package io.perfagent.sampler.testing;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.container.ContainerSources;
import io.perfagent.sampler.host.HostSources;
import io.perfagent.sampler.jvm.JvmSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints (never asserts) the CPU one tick of each of host, process, jvm and container costs,
 * made as the agent makes them. Run it by hand, not from the build, in a fresh JVM per mode:
 *
 * <pre>
 *   java [-Xint] -cp CLASSPATH io.perfagent.sampler.testing.TickCostMain paced|hot
 * </pre>
 *
 * {@code paced}: the sampler's pattern, each source once per tick with a sleep between ticks
 * (5 warm-up ticks, then 30 with 300 ms sleeps): in a normal JVM this code stays interpreted,
 * as it does in production at a 1 s interval. {@code hot}: 200 warm-up and 200 measured ticks
 * back to back, so the JIT compiles it.
 */
public final class TickCostMain {

  private TickCostMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "paced";
    SamplerSettings settings = new SamplerSettings(Map.of());
    List<ResourceSource> sources = new ArrayList<>();
    sources.addAll(HostSources.create(settings, System.out::println));
    sources.addAll(JvmSources.create(settings, System.out::println));
    sources.addAll(ContainerSources.create(settings, System.out::println));
    if (mode.equals("hot")) {
      for (ResourceSource s : sources) {
        TickCost.measure(s, 200);
      }
    } else {
      TickCost.paced(sources, 5, 30, 300);
    }
    sources.forEach(ResourceSource::close);
  }
}
