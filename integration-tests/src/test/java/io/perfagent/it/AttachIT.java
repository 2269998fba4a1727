package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.apps.AttachApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import io.perfagent.it.otlp.OtlpHttpReceiver;
import io.perfagent.it.otlp.OtlpReceiver;
import io.perfagent.it.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar perf.jar attach <pid> key=value} on a running JVM started without the
 * agent, on each JDK: stages called after the attach arrive as spans, including one on a class
 * loaded and run before the attach (woven by retransformation).
 */
class AttachIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void attachWeavesARunningJvm(Jdk jdk) throws Exception {
    String service = "attach-jdk" + jdk.feature();
    try (OtlpReceiver receiver = OtlpHttpReceiver.start();
        ChildJvm.Running child = ChildJvm.builder(jdk, "AttachIT-jdk" + jdk.feature())
            .noAgent()
            .env(receiver.exporterEnv(service))
            .classpath(ItClasspath.apps())
            .mainClass(AttachApp.class)
            .start()) {
      String ready = child.awaitStdoutLine(l -> l.startsWith("READY "), Duration.ofSeconds(60));
      long pid = Long.parseLong(ready.substring("READY ".length()).trim());
      assertThat(pid).as("pid printed by the child").isEqualTo(child.pid());

      ChildResult attach = ChildJvm.builder(jdk, "AttachIT-attacher-jdk" + jdk.feature())
          .executableJar(ItPaths.agentJar())
          .args("attach", Long.toString(pid), "summary=off")
          .timeout(Duration.ofSeconds(60))
          .run();
      assertThat(attach.exitCode()).as(attach::describe).isZero();

      child.writeLine("go");
      ChildResult result = child.awaitExit();
      receiver.await(() -> receiver.spans().stream().anyMatch(s -> s.isRoot()
          && "attach.main".equals(s.attr("perf.stage"))), Duration.ofSeconds(
              result.exitCode() == 0 ? 15 : 3));
      List<ReceivedSpan> spans = receiver.spans();

      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(result.exitCode()).as("exit code").isZero();
      soft.assertThat(result.stdoutText()).as("stdout").contains("GO go", "DONE");
      soft.assertThat(result.stackTraceLines()).as("stack trace lines on stderr").isEmpty();
      ReceivedSpan root = spans.stream()
          .filter(s -> s.isRoot() && "attach.main".equals(s.attr("perf.stage")))
          .findFirst().orElse(null);
      soft.assertThat(root).as("root span of the pipeline run after the attach").isNotNull();
      if (root != null) {
        soft.assertThat(root.name()).as("root span name").isEqualTo("attached");
        soft.assertThat(root.resource()).as("resource").containsEntry("service.name", service);
        for (String stage : List.of("attach.early", "attach.late")) {
          List<ReceivedSpan> of = spans.stream().filter(s -> stage.equals(s.stage())).toList();
          soft.assertThat(of).as("spans of " + stage + " (calls before the attach make none)")
              .hasSize(1);
          of.forEach(s -> soft.assertThat(s.parentSpanId()).as("parent of " + stage)
              .isEqualTo(root.spanId()));
        }
      }
      if (!soft.errorsCollected().isEmpty()) {
        throw new AssertionError(soft.errorsCollected().size() + " failed:\n- "
            + String.join("\n- ", soft.errorsCollected().stream().map(Throwable::getMessage)
                .toList())
            + "\nspans:" + OtlpReceiver.briefs(spans) + "\n" + result.describe()
            + "\nattacher:\n" + attach.describe());
      }
    }
  }
}
