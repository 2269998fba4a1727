package io.perfagent.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.it.apps.AttachApp;
import io.perfagent.it.apps.SmallApp;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness itself, with child programs run without the agent. */
class ChildJvmTest {

  @Test
  void runsAMainClassAndCapturesItsOutput() throws Exception {
    ChildResult r = ChildJvm.builder(Jdks.current(), "ChildJvmTest-small")
        .classpath(ItClasspath.apps())
        .mainClass(SmallApp.class)
        .env("OTEL_SERVICE_NAME", "x")
        .run();

    assertThat(r.exitCode()).as(r::describe).isZero();
    assertThat(r.stdoutText()).containsExactly("DONE");
    assertThat(r.stderr()).isEmpty();
    assertThat(r.fromStdoutLineToExit("DONE")).isLessThan(Duration.ofSeconds(10));
    assertThat(Files.readString(r.log())).contains("DONE", "exit: 0", "OTEL_SERVICE_NAME");
  }

  @Test
  void talksToAWaitingChildThroughStdin() {
    try (ChildJvm.Running child = ChildJvm.builder(Jdks.current(), "ChildJvmTest-stdin")
        .classpath(ItClasspath.apps())
        .mainClass(AttachApp.class)
        .start()) {
      String ready = child.awaitStdoutLine(l -> l.startsWith("READY "), Duration.ofSeconds(30));
      assertThat(ready).isEqualTo("READY " + child.pid());

      child.writeLine("hello");
      ChildResult r = child.awaitExit();

      assertThat(r.exitCode()).as(r::describe).isZero();
      assertThat(r.stdoutText()).contains("GO hello", "DONE");
    }
  }

  @Test
  void killsAChildThatOutlivesItsTimeoutAndShowsItsOutput() {
    ChildJvm.Builder b = ChildJvm.builder(Jdks.current(), "ChildJvmTest-timeout")
        .classpath(ItClasspath.apps())
        .mainClass(AttachApp.class)
        .timeout(Duration.ofSeconds(3));

    assertThatThrownBy(b::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("timed out")
        .hasMessageContaining("READY ");
  }

  @Test
  void scrubsInheritedAgentSettingsAndBuildsTheCommand() {
    ChildJvm.Builder b = ChildJvm.builder(Jdks.current(), "ChildJvmTest-command")
        .agent(ItPaths.testClasses().resolve("x.jar"), "a=1,b=2")
        .sysProp("perf.summary", "off")
        .classpath(ItClasspath.apps())
        .mainClass("Main")
        .args("one");

    assertThat(b.command()).startsWith(Jdks.current().java().toString())
        .contains("-javaagent:" + ItPaths.testClasses().resolve("x.jar") + "=a=1,b=2",
            "-Dperf.summary=off", "-cp")
        .endsWith("Main", "one");
  }

  @Test
  void picksClassPathEntriesByPrefix() {
    assertThat(ItClasspath.jar("perf-api").toString()).contains("perf-api");
    for (String prefix : ItClasspath.CONFLICTING_DEPS) {
      assertThat(ItClasspath.jar(prefix).getFileName().toString()).startsWith(prefix);
    }
    assertThatThrownBy(() -> ItClasspath.jar("opentelemetry-")).hasMessageContaining("several");
    assertThatThrownBy(() -> ItClasspath.jar("no-such-lib")).hasMessageContaining("no class path");
  }
}
