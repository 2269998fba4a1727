package io.perfagent.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * Paths handed in by the build (system properties set by surefire/failsafe), with defaults
 * for a run from the module directory.
 */
public final class ItPaths {

  private ItPaths() {}

  /** The module's build directory ({@code it.build.dir}, default {@code target}). */
  public static Path buildDir() {
    return Path.of(System.getProperty("it.build.dir", "target")).toAbsolutePath().normalize();
  }

  /** Compiled test classes, the child programs among them ({@code it.test.classes}). */
  public static Path testClasses() {
    return Path.of(System.getProperty("it.test.classes", buildDir().resolve("test-classes")
        .toString())).toAbsolutePath().normalize();
  }

  /** The test class path written by maven-dependency-plugin ({@code it.classpath.file}). */
  public static Path classpathFile() {
    return Path.of(System.getProperty("it.classpath.file",
        buildDir().resolve("it-classpath.txt").toString())).toAbsolutePath().normalize();
  }

  /**
   * The agent jar under test ({@code perf.agent.jar}, default {@code ../agent/target/perf.jar}),
   * copied once per test JVM to {@code target/agent-under-test/perf.jar} so that a rebuild of
   * the agent while the tests run cannot change the jar under a running child. Fails when it is
   * missing, since every IT needs it.
   */
  public static synchronized Path agentJar() {
    if (agentCopy == null) {
      agentCopy = copyAgentJar();
    }
    return agentCopy;
  }

  private static Path agentCopy;

  private static Path copyAgentJar() {
    Path jar = Path.of(System.getProperty("perf.agent.jar",
        buildDir().resolve("../../agent/target/perf.jar").toString())).toAbsolutePath()
        .normalize();
    Path copy = dir(buildDir().resolve("agent-under-test")).resolve("perf.jar");
    // A jar being rewritten right now is empty or unreadable for a moment: retry briefly.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!Files.isRegularFile(jar)) {
        throw new AssertionError("agent jar not found: " + jar
            + " (build the agent module first, or set -Dperf.agent.jar=...)");
      }
      try {
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        try (JarFile j = new JarFile(copy.toFile())) {
          if (j.getManifest() != null && j.getManifest().getMainAttributes()
              .getValue("Premain-Class") != null) {
            return copy;
          }
        }
      } catch (IOException e) {
        // incomplete: retry below
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("agent jar " + jar + " is not a readable agent jar");
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while copying " + jar);
      }
    }
  }

  /** The project version ({@code perf.version}), for the --version check. */
  public static String projectVersion() {
    return System.getProperty("perf.version", "");
  }

  /**
   * The OpenTelemetry agent extension under test ({@code perf.otel.extension.jar}, default
   * {@code ../otel-extension/target/perf-otel-extension.jar}).
   */
  public static Path otelExtensionJar() {
    Path jar = Path.of(System.getProperty("perf.otel.extension.jar",
        buildDir().resolve("../../otel-extension/target/perf-otel-extension.jar").toString()))
        .toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("extension jar not found: " + jar
          + " (build the otel-extension module first)");
    }
    return jar;
  }

  /**
   * The upstream OpenTelemetry agent releases the build copied to {@code target/otel-agents}
   * ({@code otel.agent.versions}, newest first).
   */
  public static java.util.List<String> otelAgentVersions() {
    return java.util.List.of(System.getProperty("otel.agent.versions", "2.33.1,2.32.0")
        .split(","));
  }

  /** The upstream agent jar of {@code version}, as the build copied it. */
  public static Path otelAgentJar(String version) {
    Path jar = buildDir().resolve("otel-agents")
        .resolve("opentelemetry-javaagent-" + version + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("upstream agent not found: " + jar
          + " (the build copies it in generate-test-resources)");
    }
    return jar;
  }

  /** {@code target/child-logs}: one log per child JVM. */
  public static Path childLogs() {
    return dir(buildDir().resolve("child-logs"));
  }

  /** A fresh-or-existing working directory for a child JVM: {@code target/child-work/name}. */
  public static Path workDir(String name) {
    return dir(buildDir().resolve("child-work").resolve(safe(name)));
  }

  /** {@code name} with anything but letters, digits, dot, dash and underscore made {@code _}. */
  public static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static Path dir(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
