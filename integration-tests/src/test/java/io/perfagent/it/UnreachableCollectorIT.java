package io.perfagent.it;

import io.perfagent.it.apps.SmallApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import io.perfagent.it.otlp.OtlpReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the collector's port closed, the application is not harmed: it finishes with exit 0,
 * the agent says so in at most a couple of {@code [perf-agent]} lines (no stack traces, no raw
 * exporter logging) and the JVM exits promptly after the app's last line. Both protocols, on
 * the current JDK. The time bounds are generous: this checks "does not hang", not speed.
 */
class UnreachableCollectorIT {

  /** A line about the export failing (a start-up line naming the endpoint is not one). */
  private static final Pattern ABOUT_EXPORT_FAILURE = Pattern.compile(
      "(?i)(?=.*(export|otlp|collector|endpoint|connect|send|span|metric))"
          + "(?=.*(fail|error|unable|cannot|could not|unavailable|refused|unreachable|drop|lost"
          + "|not finish|timed out|timeout)).*");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {OtlpReceiver.GRPC, OtlpReceiver.HTTP_PROTOBUF})
  void appFinishesAndExitsPromptly(String protocol) throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ChildResult r = ChildJvm.builder(Jdks.current(),
            "UnreachableCollectorIT-" + ItPaths.safe(protocol))
        .agent(ItPaths.agentJar(), "summary=off")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort)
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
        .env("OTEL_SERVICE_NAME", "unreachable-collector")
        .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
        .classpath(ItClasspath.apps())
        .mainClass(SmallApp.class)
        .timeout(Duration.ofSeconds(90))
        .run();

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(r.exitCode()).as("exit code").isZero();
    soft.assertThat(r.stdoutText()).as("stdout").contains("DONE");
    soft.assertThat(r.stackTraceLines()).as("stack trace lines on stderr").isEmpty();
    List<String> agentAboutExport = r.perfAgentLines().stream()
        .filter(l -> ABOUT_EXPORT_FAILURE.matcher(l).matches()).toList();
    soft.assertThat(agentAboutExport.size()).as("[perf-agent] lines about the export failure: "
        + agentAboutExport).isLessThanOrEqualTo(2);
    soft.assertThat(r.stderrText().stream().filter(l -> !l.startsWith("[perf-agent]"))
            .filter(l -> l.matches("(?i).*(failed to export|exporter|otlp).*")))
        .as("export failures logged other than as [perf-agent] lines").isEmpty();
    soft.assertThat(r.duration()).as("whole run").isLessThan(Duration.ofSeconds(15));
    if (r.stdoutLineNanos("DONE") >= 0) {
      soft.assertThat(r.fromStdoutLineToExit("DONE")).as("from DONE to exit")
          .isLessThan(Duration.ofSeconds(10));
    }
    if (!soft.errorsCollected().isEmpty()) {
      throw new AssertionError(soft.errorsCollected().size() + " failed:\n- "
          + String.join("\n- ", soft.errorsCollected().stream().map(Throwable::getMessage)
              .toList()) + "\n" + r.describe());
    }
  }
}
