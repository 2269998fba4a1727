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
 * {@code @Monitored}, direct subclasses of {@code Thread}, and, only while stage rules are in
 * force, classes a rule names or that extend or implement one (told from the class file's
 * header, see {@link SuperTypes}). Everything else (the vast majority of classes an
 * application loads) costs one byte scan and one read of its header. A class that cannot be
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
  private final RuleInstrumentation rules;

  WeavingTransformer(ClassWeaver weaver) {
    this(weaver, new RuleInstrumentation());
  }

  WeavingTransformer(ClassWeaver weaver, RuleInstrumentation rules) {
    this.weaver = weaver;
    this.rules = rules;
  }

  @Override
  public byte[] transform(ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) {
    try {
      if (!wanted(loader, name, bytes, rules.rules(), domain)) {
        return null;
      }
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
    return wanted(loader, name, bytes, RuleSet.NONE, null);
  }

  static boolean wanted(ClassLoader loader, String name, byte[] bytes, RuleSet rules,
      ProtectionDomain domain) {
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
    if (contains(bytes, MONITORED)) {
      return true;
    }
    if (rules.isEmpty() || SuperTypes.isJdk(name)) { // rules never weave the JDK's classes
      return "java/lang/Thread".equals(ClassBytes.superName(bytes));
    }
    ClassHeader header = ClassBytes.header(bytes); // one read of the pool serves both tests
    return header != null
        && ("java/lang/Thread".equals(header.superName) || rules.wants(loader, domain, header));
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
