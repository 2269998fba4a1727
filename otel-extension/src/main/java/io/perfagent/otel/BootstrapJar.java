package io.perfagent.otel;

import io.perfagent.agent.TempFiles;
import io.perfagent.agent.log.AgentLog;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Puts the bootstrap classes ({@code io.perfagent.bootstrap}, nested in this jar) on the
 * bootstrap class path, as perf.jar does: woven code in any class loader calls them, and every
 * loader sees one copy, so the per-thread stage stacks, fold tables and registries are not split
 * per loader as injected helpers would be. Must run before anything of the extension touches
 * those classes; this class refers to none of them.
 */
final class BootstrapJar {

  private static final String NESTED = "io/perfagent/otel/perf-bootstrap.jar";
  private static final String PROBE = "io.perfagent.bootstrap.Stages";
  private static volatile boolean installed;

  private BootstrapJar() {}

  /** True once the classes are on the bootstrap class path (the advice may be woven). */
  static boolean installed() {
    return installed;
  }

  /** Appends the nested jar; false, with one line said, when it could not. */
  static synchronized boolean install() {
    if (installed) {
      return true;
    }
    try {
      if (!onBootstrap()) {
        Path jar = TempFiles.create("perf-bootstrap-", ".jar");
        try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(NESTED)) {
          if (in == null) {
            AgentLog.info("perf-otel-extension: " + NESTED + " is missing from the jar; "
                + "@Monitored stages are not woven");
            return false;
          }
          Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        instrumentation().appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
      }
      installed = true;
      return true;
    } catch (Throwable t) {
      AgentLog.failure("otel-bootstrap", "perf-otel-extension could not put its classes on "
          + "the bootstrap class path; @Monitored stages are not woven", t);
      return false;
    }
  }

  private static boolean onBootstrap() {
    try {
      Class.forName(PROBE, false, null);
      return true; // perf.jar's, or an earlier start's
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The agent's Instrumentation, from its bootstrap holder (not in the extension API). */
  private static Instrumentation instrumentation() throws ReflectiveOperationException {
    Class<?> holder = Class.forName(
        "io.opentelemetry.javaagent.bootstrap.InstrumentationHolder", true, null);
    return (Instrumentation) holder.getMethod("getInstrumentation").invoke(null);
  }
}
