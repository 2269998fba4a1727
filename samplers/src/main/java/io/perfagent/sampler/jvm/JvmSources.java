package io.perfagent.sampler.jvm;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.management.NotificationEmitter;

/** Makes the {@code jvm} source and registers its GC notification listener. */
public final class JvmSources {

  private JvmSources() {}

  /** Never throws; without GC notifications the source still writes the MXBean readings. */
  public static List<ResourceSource> create(SamplerSettings settings, Consumer<String> info) {
    try {
      List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
      GcPauseListener listener = null;
      List<NotificationEmitter> emitters = new ArrayList<>();
      try {
        Class.forName("com.sun.management.GarbageCollectionNotificationInfo");
        listener = new GcPauseListener(ManagementFactory.getRuntimeMXBean().getStartTime());
        for (GarbageCollectorMXBean gc : collectors) {
          if (gc instanceof NotificationEmitter e) {
            e.addNotificationListener(listener, null, null);
            emitters.add(e);
          }
        }
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        info.accept("jvm: no GC pause events (" + e + ")");
        removeAll(emitters, listener);
        emitters.clear();
        listener = null;
      }
      OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      return List.of(
          new JvmSource(
              ManagementFactory.getMemoryPoolMXBeans(),
              collectors,
              ManagementFactory.getThreadMXBean(),
              ManagementFactory.getClassLoadingMXBean(),
              ManagementFactory.getCompilationMXBean(),
              os instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null,
              listener,
              List.copyOf(emitters)));
    } catch (Exception | LinkageError e) {
      info.accept("jvm: left out (" + e + ")");
      return List.of();
    }
  }

  private static void removeAll(List<NotificationEmitter> emitters, GcPauseListener listener) {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (Exception ignored) {
        // best effort on a path that is already failing
      }
    }
  }
}
