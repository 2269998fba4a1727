package io.perfagent.it;

import io.perfagent.it.apps.SmallApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import io.perfagent.it.otlp.OtlpHttpReceiver;
import io.perfagent.it.otlp.OtlpReceiver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's own keys, from {@code -javaagent:perf.jar=k=v,...}, {@code -Dperf.k=v} and
 * {@code PERF_K=v} (in that order of precedence), on the current JDK with {@link SmallApp}.
 * {@code summary} is the key under test: its effect (the exit summary on stderr) is visible
 * from outside. A bad key or value is named on one {@code [perf-agent]} line and stops nothing.
 */
class AgentConfigIT {

  private static OtlpReceiver receiver;

  @BeforeAll
  static void startReceiver() throws IOException {
    receiver = OtlpHttpReceiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void unknownKeyIsNamedOnceAndTheAppRunsOn() {
    ChildResult r = run("unknown-key", b -> b.agent(ItPaths.agentJar(),
        "nosuchkey=1,summary=off").sysProp("perf.nosuchprop", "2"));
    SoftAssertions soft = ranNormally(r, "unknown-key");
    soft.assertThat(r.perfAgentLines().stream().filter(l -> l.contains("nosuchkey")))
        .as("[perf-agent] lines naming the unknown key of the -javaagent options").hasSize(1);
    soft.assertThat(r.perfAgentLines().stream().filter(l -> l.contains("nosuchprop")))
        .as("[perf-agent] lines naming the unknown -Dperf. key").hasSize(1);
    assertAll(soft, r);
  }

  @Test
  void malformedValueIsNamedOnceWithTheValueUsedInstead() {
    ChildResult r = run("bad-value", b -> b.agent(ItPaths.agentJar(), "summary=maybe"));
    SoftAssertions soft = ranNormally(r, "bad-value");
    List<String> named = r.perfAgentLines().stream().filter(l -> l.contains("maybe")).toList();
    soft.assertThat(named).as("[perf-agent] lines naming the malformed value").hasSize(1);
    if (named.size() == 1) {
      soft.assertThat(named.get(0)).as("the line names the key").contains("summary");
      // The default is on (the summary is printed below), so that is the value used instead.
      soft.assertThat(named.get(0)).as("the line names the value used instead")
          .containsPattern("(?i)\\b(on|true|enabled|yes)\\b");
    }
    soft.assertThat(summaryLines(r)).as("summary printed under the default").isNotEmpty();
    assertAll(soft, r);
  }

  @Test
  void summaryIsOnByDefault() {
    ChildResult r = run("default", b -> b.agent(ItPaths.agentJar()));
    SoftAssertions soft = ranNormally(r, "default");
    soft.assertThat(summaryLines(r)).as("summary lines naming small.step").isNotEmpty();
    soft.assertThat(summaryLines(r).stream().anyMatch(l -> SummaryLines.showsCount(l, 1)))
        .as("a summary line of small.step shows its 1 call").isTrue();
    assertAll(soft, r);
  }

  @Test
  void summaryOffFromAgentArgument() {
    assertSummary("arg-off", b -> b.agent(ItPaths.agentJar(), "summary=off"), false);
  }

  @Test
  void summaryOffFromSystemProperty() {
    assertSummary("sysprop-off", b -> b.agent(ItPaths.agentJar())
        .sysProp("perf.summary", "off"), false);
  }

  @Test
  void summaryOffFromEnvironment() {
    assertSummary("env-off", b -> b.agent(ItPaths.agentJar()).env("PERF_SUMMARY", "off"), false);
  }

  @Test
  void systemPropertyWinsOverEnvironment() {
    assertSummary("sysprop-over-env", b -> b.agent(ItPaths.agentJar())
        .sysProp("perf.summary", "on").env("PERF_SUMMARY", "off"), true);
  }

  @Test
  void agentArgumentWinsOverSystemPropertyAndEnvironment() {
    assertSummary("arg-over-sysprop", b -> b.agent(ItPaths.agentJar(), "summary=on")
        .sysProp("perf.summary", "off").env("PERF_SUMMARY", "off"), true);
  }

  private static void assertSummary(String name, Consumer<ChildJvm.Builder> config,
      boolean expected) {
    ChildResult r = run(name, config);
    SoftAssertions soft = ranNormally(r, name);
    if (expected) {
      soft.assertThat(summaryLines(r)).as("summary lines naming small.step").isNotEmpty();
    } else {
      soft.assertThat(summaryLines(r)).as("summary lines naming small.step").isEmpty();
    }
    soft.assertThat(r.perfAgentLines().stream().filter(l -> l.contains("summary")
            && l.matches("(?i).*(unknown|invalid|malformed|ignor|using|instead).*")))
        .as("complaints about the summary key").isEmpty();
    assertAll(soft, r);
  }

  private static ChildResult run(String name, Consumer<ChildJvm.Builder> config) {
    ChildJvm.Builder b = ChildJvm.builder(Jdks.current(), "AgentConfigIT-" + name)
        .env(receiver.exporterEnv(service(name)))
        .classpath(ItClasspath.apps())
        .mainClass(SmallApp.class);
    config.accept(b);
    ChildResult r = b.run();
    if (r.exitCode() == 0) {
      receiver.await(() -> hasRoot(name), Duration.ofSeconds(10));
    }
    return r;
  }

  private static String service(String name) {
    return "agent-config-" + name;
  }

  private static boolean hasRoot(String name) {
    return receiver.spans().stream().anyMatch(s -> s.isRoot()
        && service(name).equals(s.resource().get("service.name"))
        && "small.main".equals(s.attr("perf.stage")));
  }

  /** Exit 0, DONE, no stack trace, and the agent measured the app (the config broke nothing). */
  private static SoftAssertions ranNormally(ChildResult r, String name) {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(r.exitCode()).as("exit code").isZero();
    soft.assertThat(r.stdoutText()).as("stdout").contains("DONE");
    soft.assertThat(r.stackTraceLines()).as("stack trace lines on stderr").isEmpty();
    soft.assertThat(hasRoot(name)).as("root span small.main received for " + service(name))
        .isTrue();
    return soft;
  }

  private static List<String> summaryLines(ChildResult r) {
    return SummaryLines.forStage(r.perfAgentLines(), "small.step");
  }

  private static void assertAll(SoftAssertions soft, ChildResult r) {
    if (!soft.errorsCollected().isEmpty()) {
      throw new AssertionError(soft.errorsCollected().size() + " failed:\n- "
          + String.join("\n- ", soft.errorsCollected().stream().map(Throwable::getMessage)
              .toList()) + "\n" + r.describe());
    }
  }

}
