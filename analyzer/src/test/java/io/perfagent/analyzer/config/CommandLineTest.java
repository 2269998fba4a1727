package io.perfagent.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static AnalyzerConfig run(Map<String, String> env, String... args) throws Exception {
    return ((CommandLine.Run) CommandLine.parse(args, env)).config();
  }

  @Test
  void defaults() throws Exception {
    AnalyzerConfig c = run(Map.of());
    assertThat(c.grpcPort()).isEqualTo(4317);
    assertThat(c.httpPort()).isEqualTo(4318);
    assertThat(c.apiPort()).isEqualTo(8089);
    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(c.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith("perf-analyzer.db");
    assertThat(c.token()).isNull();
    assertThat(c.quietPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(c.maxBodyBytes()).isEqualTo(20L << 20);
  }

  @Test
  void flagsAndVariablesTheFlagWins() throws Exception {
    Map<String, String> env = Map.of("PERF_ANALYZER_QUIET_PERIOD", "5s",
        "PERF_ANALYZER_PORT", "9000", "PERF_ANALYZER_TOKEN", "abc");
    AnalyzerConfig c = run(env, "--port", "9100", "--retention=12h", "--max-body", "512KiB");
    assertThat(c.quietPeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.apiPort()).isEqualTo(9100);
    assertThat(c.token()).isEqualTo("abc");
    assertThat(c.retention()).isEqualTo(Duration.ofHours(12));
    assertThat(c.maxBodyBytes()).isEqualTo(512 * 1024);
  }

  @Test
  void aJdbcUrlFlagOverridesADbVariable() throws Exception {
    AnalyzerConfig c = run(Map.of("PERF_ANALYZER_DB", "x.db"),
        "--jdbc-url", "jdbc:postgresql://localhost/perf");
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/perf");
    assertThat(c.sqlite()).isFalse();
  }

  @Test
  void badValuesSayWhichKeyAndWhatWasExpected() {
    assertThatThrownBy(() -> run(Map.of(), "--quiet-period", "soon"))
        .isInstanceOf(ConfigException.class).hasMessage(
            "--quiet-period: 'soon' is not a duration such as 500ms, 2s, 10m, 1h or 30d");
    assertThatThrownBy(() -> run(Map.of(), "--port", "70000"))
        .hasMessageStartingWith("--port: '70000' is not a port");
    assertThatThrownBy(() -> run(Map.of(), "--nope", "1"))
        .hasMessage("unknown option --nope (see --help)");
    assertThatThrownBy(() -> run(Map.of(), "--db", "a.db", "--jdbc-url", "jdbc:sqlite:b.db"))
        .hasMessageContaining("give one");
    assertThatThrownBy(() -> run(Map.of(), "--jdbc-url", "jdbc:mysql://x/y"))
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> run(Map.of("PERF_ANALYZER_MAX_OPEN_TRACES", "0")))
        .hasMessage("PERF_ANALYZER_MAX_OPEN_TRACES: '0' is not a positive whole number");
  }

  @Test
  void sloAndRegressionSettings() throws Exception {
    AnalyzerConfig d = run(Map.of());
    assertThat(d.regressionWindow()).isEqualTo(60);
    assertThat(d.regressionMinRuns()).isEqualTo(5);
    assertThat(d.regressionMinChange()).isEqualTo(0.10);
    assertThat(d.regressionMaxP()).isEqualTo(0.01);
    assertThat(d.alertAfter()).isEqualTo(2);
    assertThat(run(Map.of("PERF_ANALYZER_ALERT_AFTER", "1")).alertAfter()).isEqualTo(1);
    assertThatThrownBy(() -> run(Map.of(), "--alert-after", "0"))
        .hasMessageStartingWith("--alert-after: '0' is not");
    assertThatThrownBy(() -> run(Map.of(), "--alert-after", "101"))
        .hasMessageStartingWith("--alert-after: '101' is not");
    assertThat(d.slo().ruleFor("stage", "score", io.perfagent.analysis.slo.SloMetric.P95))
        .isNull();
    AnalyzerConfig c = run(Map.of("PERF_ANALYZER_SLO", "stage:score:p95<25ms/60ms"),
        "--regression-window", "30", "--regression-min-runs=4", "--regression-min-change",
        "20%", "--regression-max-p", "0.05");
    assertThat(c.slo().ruleFor("stage", "score", io.perfagent.analysis.slo.SloMetric.P95)
        .critical()).isEqualTo(60e6);
    assertThat(c.regressionWindow()).isEqualTo(30);
    assertThat(c.regressionMinRuns()).isEqualTo(4);
    assertThat(c.regressionMinChange()).isEqualTo(0.2);
    assertThat(c.regressionMaxP()).isEqualTo(0.05);
    assertThatThrownBy(() -> run(Map.of(), "--slo", "stage:score:p95<fast"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--slo: bad SLO rule 'stage:score:p95<fast': ");
    assertThatThrownBy(() -> run(Map.of("PERF_ANALYZER_SLO", "cpu<200%")))
        .hasMessageStartingWith("PERF_ANALYZER_SLO: bad SLO rule 'cpu<200%'");
    assertThatThrownBy(() -> run(Map.of(), "--regression-min-runs", "1"))
        .hasMessageStartingWith("--regression-min-runs: '1' is not");
    assertThatThrownBy(() -> run(Map.of(), "--regression-window", "8"))
        .hasMessageStartingWith("--regression-min-runs: '5' is not"); // 5 > 8 / 2
    assertThatThrownBy(() -> run(Map.of(), "--regression-max-p", "1"))
        .hasMessageStartingWith("--regression-max-p: '1' is not");
    assertThatThrownBy(() -> run(Map.of(), "--regression-min-change", "lots"))
        .hasMessageStartingWith("--regression-min-change: 'lots' is not a fraction");
  }

  @Test
  void helpAndVersion() throws Exception {
    assertThat(CommandLine.parse(new String[] {"--help"}, Map.of()))
        .isInstanceOf(CommandLine.Help.class);
    assertThat(CommandLine.parse(new String[] {"--port", "1", "--version"}, Map.of()))
        .isInstanceOf(CommandLine.Version.class);
    for (String key : CommandLine.KEYS) {
      assertThat(CommandLine.USAGE).as("--help names every key").contains("--" + key + " ");
    }
  }
}
