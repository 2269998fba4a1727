package io.perfagent.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The harness finds both agent jars that the build copied, and they are real agents. */
class AgentJarsIT {

  @Test
  void perfAgentJarIsCopiedAndIsAnAgent() throws IOException {
    Path jar = AgentJars.perf();
    assertThat(premainClass(jar)).isEqualTo("io.perfagent.agent.AgentPremain");
  }

  @Test
  void upstreamAgentJarIsCopiedAndIsAnAgent() throws IOException {
    Path jar = AgentJars.upstream();
    assertThat(premainClass(jar)).isEqualTo("io.opentelemetry.javaagent.OpenTelemetryAgent");
  }

  @Test
  void benchmarkJarIsRunnable() throws IOException {
    Path jar = AgentJars.directory().resolveSibling("benchmarks.jar");
    assertThat(Files.isRegularFile(jar)).as("%s", jar).isTrue();
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("org.openjdk.jmh.Main");
      assertThat(file.getEntry("META-INF/BenchmarkList")).isNotNull();
    }
  }

  private static String premainClass(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest().getMainAttributes().getValue("Premain-Class");
    }
  }
}
