package io.perfagent.agent.weave;

import io.perfagent.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * The agent's one class file transformer. A class reaches the {@link ClassWeaver} only when
 * its name and a scan of its raw bytes say it can need weaving: the JDK types woven for
 * context propagation, {@code io.perfagent.Perf}, classes whose bytes mention
 * {@code @Monitored}, and direct subclasses of {@code Thread}. Everything else (the vast
 * majority of classes an application loads) costs one byte scan. A class that cannot be
 * woven is said once and runs as it is.
 */
final class WeavingTransformer implements ClassFileTransformer {

  static final Set<String> JDK_TARGETS = Set.of(
      "java/lang/Thread",
      "java/lang/VirtualThread",
      "java/util/concurrent/ThreadPoolExecutor",
      "java/util/concurrent/ScheduledThreadPoolExecutor",
      "java/util/concurrent/ForkJoinPool",
      "java/util/concurrent/ForkJoinTask",
      "java/util/concurrent/FutureTask");
  private static final byte[] MONITORED =
      "Lio/perfagent/Monitored;".getBytes(StandardCharsets.UTF_8);

  private final ClassWeaver weaver;

  WeavingTransformer(ClassWeaver weaver) {
    this.weaver = weaver;
  }

  @Override
  public byte[] transform(ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) {
    if (!wanted(loader, name, bytes)) {
      return null;
    }
    try {
      byte[] woven = weaver.weave(bytes, loader);
      if (woven != null) {
        AgentLog.debug("wove " + name.replace('/', '.'));
      }
      return woven;
    } catch (Throwable t) {
      String className = name.replace('/', '.');
      AgentLog.failure("weave:" + className, "could not weave " + className
          + " (it runs unmeasured)", t);
      return null;
    }
  }

  static boolean wanted(ClassLoader loader, String name, byte[] bytes) {
    if (name == null || bytes == null) {
      return false;
    }
    if (loader == null) {
      return JDK_TARGETS.contains(name);
    }
    if (name.startsWith("io/perfagent/")) {
      if (name.startsWith("io/perfagent/shaded/") || name.startsWith("io/perfagent/agent/")
          || name.startsWith("io/perfagent/bootstrap/")) {
        return false;
      }
      if (name.equals("io/perfagent/Perf") || name.equals("io/perfagent/Perf$Stage")) {
        return true;
      }
    }
    return contains(bytes, MONITORED) || "java/lang/Thread".equals(ClassBytes.superName(bytes));
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    byte first = needle[0];
    int last = haystack.length - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (haystack[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
