package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PerfCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return PerfCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheCommandsAndEveryKey() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("attach PID", "fold.threshold", "summary", "OTEL_EXPORTER_OTLP_ENDPOINT",
            "stages.file", "Stage rules", "com.acme.Codec#decode(byte[],int)",
            "[name=job,mode=AGGREGATE,pipeline=orders]", "stages PID");
  }

  @Test
  void versionNamesTheAgentAndTheJava() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("perf-agent ")
        .contains(System.getProperty("java.version"));
  }

  @Test
  void badUsageFailsWithAMessage() {
    assertThat(run("attach")).isEqualTo(2);
    assertThat(run("attach", "not-a-pid")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a process id");
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run("stages")).isEqualTo(2);
    assertThat(run("stages", "12a")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar perf.jar stages PID");
  }
}
