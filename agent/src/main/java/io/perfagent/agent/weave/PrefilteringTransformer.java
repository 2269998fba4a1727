package io.perfagent.agent.weave;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * Stands in front of Byte Buddy's transformer and lets through only the classes that can
 * need weaving, decided from the class name and a scan of the raw class file: the JDK types
 * woven for context propagation, {@code io.perfagent.Perf}, classes whose bytes mention
 * {@code @Monitored}, and direct subclasses of {@code Thread}. Everything else (the vast
 * majority of classes an application loads) skips Byte Buddy's parsing entirely, which is
 * what start-up time is made of.
 */
final class PrefilteringTransformer implements ClassFileTransformer {

  static final Set<String> JDK_TARGETS = Set.of(
      "java/lang/Thread",
      "java/util/concurrent/ThreadPoolExecutor",
      "java/util/concurrent/ScheduledThreadPoolExecutor",
      "java/util/concurrent/ForkJoinPool",
      "java/util/concurrent/ForkJoinTask");
  private static final byte[] MONITORED =
      "Lio/perfagent/Monitored;".getBytes(StandardCharsets.UTF_8);

  private final ClassFileTransformer delegate;

  PrefilteringTransformer(ClassFileTransformer delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
    if (!wanted(loader, name, bytes)) {
      return null;
    }
    return delegate.transform(module, loader, name, redefined, domain, bytes);
  }

  @Override
  public byte[] transform(ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
    if (!wanted(loader, name, bytes)) {
      return null;
    }
    return delegate.transform(loader, name, redefined, domain, bytes);
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
