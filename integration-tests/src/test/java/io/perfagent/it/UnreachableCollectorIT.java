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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the collector's port closed, the application is not harmed and the agent says what it
 * lost, as the README promises: exit 0; exactly one {@code [perf-agent]} line for spans and
 * one for metrics (the wording of {@code OtelExport}), no other line about the failure, no
 * stack traces, no raw exporter logging; the exit summary counts the two spans of
 * {@link SmallApp} as not sent; and the JVM exits promptly after the app's last line. Both
 * protocols, on the current JDK. The time bounds are generous: this checks "does not hang",
 * not speed.
 */
class UnreachableCollectorIT {

  /** A line about the export failing (a start-up line naming the endpoint is not one). */
  private static final Pattern ABOUT_EXPORT_FAILURE = Pattern.compile(
      "(?i)(?=.*(export|otlp|collector|endpoint|connect|send|span|metric))"
          + "(?=.*(fail|error|unable|cannot|could not|unavailable|refused|unreachable|drop|lost"
          + "|not finish|timed out|timeout)).*");

  /** SmallApp's stages, both in SPAN mode: small.main and small.step. */
  private static final int SMALL_APP_SPANS = 2;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {OtlpReceiver.GRPC, OtlpReceiver.HTTP_PROTOBUF})
  void appFinishesAndExitsPromptly(String protocol) throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ChildResult r = ChildJvm.builder(Jdks.current(),
            "UnreachableCollectorIT-" + ItPaths.safe(protocol))
        .agent(ItPaths.agentJar())
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
    String endpoint = "http://127.0.0.1:" + closedPort;
    String spansLine = "[perf-agent] could not export spans to " + endpoint;
    String metricsLine = "[perf-agent] could not export metrics to " + endpoint;
    List<String> spansSaid = r.perfAgentLines().stream()
        .filter(l -> l.startsWith(spansLine)).toList();
    List<String> metricsSaid = r.perfAgentLines().stream()
        .filter(l -> l.startsWith(metricsLine)).toList();
    soft.assertThat(spansSaid).as("the one line about spans").hasSize(1);
    soft.assertThat(spansSaid).as("the spans line says the loss is counted")
        .allMatch(l -> l.endsWith(
            "; the application goes on and the loss is counted in the exit summary"));
    soft.assertThat(metricsSaid).as("the one line about metrics").hasSize(1);
    soft.assertThat(metricsSaid).allMatch(l -> l.endsWith("; the application goes on"));

    // the summary's export line: nothing sent, every span counted as failed or dropped
    Pattern summary = Pattern.compile(Pattern.quote("[perf-agent] export to " + endpoint
        + ": ") + "0 spans sent, (\\d+) failed, (\\d+) dropped \\(queue full or export off\\).*");
    List<Matcher> counted = r.perfAgentLines().stream().map(summary::matcher)
        .filter(Matcher::matches).toList();
    soft.assertThat(counted).as("the summary's export line").hasSize(1);
    if (counted.size() == 1) {
      long lost = Long.parseLong(counted.get(0).group(1)) + Long.parseLong(counted.get(0).group(2));
      soft.assertThat(lost).as("spans counted as lost (failed + dropped)")
          .isEqualTo(SMALL_APP_SPANS);
    }
    List<String> otherAboutExport = r.perfAgentLines().stream()
        .filter(l -> ABOUT_EXPORT_FAILURE.matcher(l).matches())
        .filter(l -> !l.startsWith(spansLine) && !l.startsWith(metricsLine))
        .filter(l -> !l.startsWith("[perf-agent] report written to ")) // its path names this IT
        .filter(l -> counted.stream().noneMatch(m -> m.group().equals(l)))
        .toList();
    soft.assertThat(otherAboutExport).as("other [perf-agent] lines about the export failure")
        .isEmpty();
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
