package io.perfagent.it;

import io.perfagent.it.apps.ConflictingDepsApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.FakeNvml;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import io.perfagent.it.otlp.OtlpHttpReceiver;
import io.perfagent.it.otlp.OtlpReceiver;
import io.perfagent.it.otlp.ReceivedSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application that brings its own, other versions of OpenTelemetry, Byte Buddy, JNA and
 * SLF4J runs unchanged under the agent, on each JDK: each library works, is the app's own
 * copy, the app's OpenTelemetry global is its own, its spans stay in its own exporter, and the
 * agent still measures its {@code @Monitored} stages. The agent's resource sampler, with its own
 * JNA (another version) in its own class loader, ticks in the same JVM meanwhile.
 */
class ConflictingDepsIT {

  /** Library in the LOADED line → the class path prefix of the jar it must come from. */
  private static final Map<String, String> LIBRARIES = Map.of(
      "otel-api", "opentelemetry-api-1.62",
      "otel-sdk", "opentelemetry-sdk-1.62",
      "bytebuddy", "byte-buddy-1.15",
      "jna", "jna-5.14",
      "slf4j", "slf4j-api-2.0");

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void applicationLibrariesWinOverTheAgents(Jdk jdk) throws Exception {
    String service = "conflicting-deps-jdk" + jdk.feature();
    Path nvml = FakeNvml.buildOrNull(); // without gcc: no native call through the agent's JNA
    try (OtlpReceiver receiver = OtlpHttpReceiver.start()) {
      ChildResult child = ChildJvm.builder(jdk, "ConflictingDepsIT-jdk" + jdk.feature())
          .agent(ItPaths.agentJar(), "sample.interval=50ms"
              + (nvml == null ? "" : ",sample.nvml.library=" + nvml))
          .env(receiver.exporterEnv(service))
          .classpath(ItClasspath.appsWith(ItClasspath.CONFLICTING_DEPS))
          .mainClass(ConflictingDepsApp.class)
          .run();
      receiver.await(() -> receiver.spans().stream().anyMatch(s -> s.isRoot()
          && "conflict.main".equals(s.attr("perf.stage"))), Duration.ofSeconds(
              child.exitCode() == 0 ? 15 : 3));
      List<ReceivedSpan> spans = receiver.spans();

      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(child.exitCode()).as("exit code").isZero();
      soft.assertThat(child.stdoutText()).as("stdout")
          .contains("OK otel", "OK bytebuddy", "OK jna", "OK slf4j", "DONE");
      soft.assertThat(child.stdoutText().stream().filter(l -> l.startsWith("FAIL ")))
          .as("failed checks").isEmpty();
      String global = child.stdoutText().stream()
          .filter(l -> l.startsWith("GlobalOpenTelemetry=")).findFirst().orElse("");
      soft.assertThat(global).as("the app's GlobalOpenTelemetry")
          .startsWith("GlobalOpenTelemetry=io.opentelemetry.api.")
          .doesNotContainIgnoringCase("perfagent")
          .doesNotContainIgnoringCase("shaded");
      LIBRARIES.forEach((lib, prefix) -> {
        String jar = ItClasspath.jar(prefix).getFileName().toString();
        soft.assertThat(child.stdoutText()).as(lib + " comes from the app's own jar")
            .contains("LOADED " + lib + " " + jar + " by "
                + "jdk.internal.loader.ClassLoaders$AppClassLoader");
      });
      soft.assertThat(child.stderr()).as("the app's SLF4J logged through slf4j-simple")
          .contains("INFO io.perfagent.it.apps.ConflictingDepsApp - hello from the app's slf4j");
      soft.assertThat(child.stackTraceLines()).as("stack trace lines on stderr").isEmpty();
      // the agent's JNA (another version, in the samplers' loader) called a native library in
      // the same JVM: the fake NVML driver, since JNA is only started where a GPU may be
      soft.assertThat(child.stderr()).as("the agent's resource sampler ticked")
          .containsPattern("resource sampler: [1-9]\\d* ticks over host[^,]*, process");
      if (nvml != null) {
        soft.assertThat(child.stderr()).as("the sampler's nvml source, through the agent's JNA")
            .containsPattern("resource sampler: [1-9]\\d* ticks over .*nvml \\d+ µs");
      }

      ReceivedSpan root = spans.stream()
          .filter(s -> s.isRoot() && "conflict.main".equals(s.attr("perf.stage")))
          .findFirst().orElse(null);
      soft.assertThat(root).as("the agent's root span of the app's pipeline").isNotNull();
      if (root != null) {
        soft.assertThat(root.name()).isEqualTo("conflict");
        for (String stage : List.of("conflict.otel", "conflict.bytebuddy", "conflict.jna",
            "conflict.slf4j")) {
          soft.assertThat(spans.stream().filter(s -> stage.equals(s.stage())
                  && s.parentSpanId().equals(root.spanId())).count())
              .as("spans of " + stage + " under the root").isEqualTo(1L);
        }
      }
      soft.assertThat(spans.stream().map(ReceivedSpan::name))
          .as("the app's own span never reaches the agent's exporter")
          .doesNotContain(ConflictingDepsApp.APP_SPAN);
      soft.assertThat(spans.stream().map(ReceivedSpan::scopeName).distinct())
          .as("instrumentation scopes at the agent's receiver").containsOnly("io.perfagent");

      if (!soft.errorsCollected().isEmpty()) {
        throw new AssertionError(soft.errorsCollected().size() + " failed:\n- "
            + String.join("\n- ", soft.errorsCollected().stream().map(Throwable::getMessage)
                .toList())
            + "\nspans:" + OtlpReceiver.briefs(spans) + "\n" + child.describe());
      }
    }
  }
}
