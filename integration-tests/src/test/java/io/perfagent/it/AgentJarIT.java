package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The jar itself: its command line, its manifest, and which classes it exposes. */
class AgentJarIT {

  @Test
  void helpPrintsUsage() {
    ChildResult r = ChildJvm.builder(Jdks.current(), "AgentJarIT-help")
        .executableJar(ItPaths.agentJar()).args("--help").run();
    assertThat(r.exitCode()).as(r::describe).isZero();
    // A usage text: both ways to use the jar and the other option.
    assertThat(r.stdout() + "\n" + r.stderr()).as(r::describe)
        .contains("-javaagent:perf.jar", "attach", "--version");
  }

  @Test
  void versionPrintsTheProjectVersion() {
    ChildResult r = ChildJvm.builder(Jdks.current(), "AgentJarIT-version")
        .executableJar(ItPaths.agentJar()).args("--version").run();
    assertThat(r.exitCode()).as(r::describe).isZero();
    assertThat(r.stdout() + "\n" + r.stderr()).as(r::describe)
        .contains(ItPaths.projectVersion());
  }

  @Test
  void manifestNamesTheAgentEntryPoints() throws Exception {
    try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      for (String key : List.of("Premain-Class", "Agent-Class", "Main-Class")) {
        assertThat(main.getValue(key)).as(key).startsWith("io.perfagent.");
      }
      assertThat(main.getValue("Can-Retransform-Classes")).as("Can-Retransform-Classes")
          .isEqualToIgnoringCase("true");
    }
  }

  /**
   * Every class the application's class loaders could see lives under {@code io/perfagent/}:
   * the agent's dependencies are relocated or packed as resources (nested jars) for its own
   * class loader. {@code module-info.class} declares no loadable class and is not counted.
   */
  @Test
  void visibleClassesLiveOnlyUnderIoPerfagent() throws Exception {
    List<String> outside = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
      for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (!name.endsWith(".class") || name.startsWith("META-INF/")
            || name.equals("module-info.class")) {
          continue;
        }
        classes++;
        if (!name.startsWith("io/perfagent/")) {
          outside.add(name);
        }
      }
    }
    assertThat(classes).as("class entries in perf.jar").isPositive();
    assertThat(outside.subList(0, Math.min(outside.size(), 50)))
        .as("class entries outside io/perfagent/ (" + outside.size() + ", first 50 shown)")
        .isEmpty();
  }
}
