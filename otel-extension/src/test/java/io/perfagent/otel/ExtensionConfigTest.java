package io.perfagent.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.perfagent.agent.config.AgentConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** perf-agent's keys read from the OpenTelemetry agent's properties. */
class ExtensionConfigTest {

  @Test
  void keysAreTheAgentsPropertiesUnderOtelInstrumentationPerf() {
    AgentConfig config = ExtensionConfig.read(DefaultConfigProperties.createFromMap(Map.of(
        "otel.instrumentation.perf.fold.threshold", "7",
        "otel.instrumentation.perf.drain.interval", "250ms",
        "otel.instrumentation.perf.sample", "off")));
    assertThat(config.get(AgentConfig.FOLD_THRESHOLD)).isEqualTo(7);
    assertThat(config.get(AgentConfig.DRAIN_INTERVAL)).isEqualTo(Duration.ofMillis(250));
    assertThat(config.get(AgentConfig.SAMPLE)).isFalse();
    assertThat(config.get(AgentConfig.FOLD_SAMPLE))
        .isEqualTo(AgentConfig.FOLD_SAMPLE.defaultValue());
    assertThat(config.problems()).isEmpty();
  }

  @Test
  void aBadValueNamesItsPropertyAndKeepsTheDefault() {
    AgentConfig config = ExtensionConfig.read(DefaultConfigProperties.createFromMap(Map.of(
        "otel.instrumentation.perf.fold.threshold", "many")));
    assertThat(config.get(AgentConfig.FOLD_THRESHOLD))
        .isEqualTo(AgentConfig.FOLD_THRESHOLD.defaultValue());
    assertThat(config.problems()).singleElement().asString()
        .contains("'many'", "otel.instrumentation.perf.fold.threshold");
  }

  @Test
  void theModulesSwitchAndTheAgentsDefault() {
    assertThat(ExtensionConfig.enabled(DefaultConfigProperties.createFromMap(Map.of())))
        .isTrue();
    assertThat(ExtensionConfig.enabled(DefaultConfigProperties.createFromMap(Map.of(
        "otel.instrumentation.perf.enabled", "false")))).isFalse();
    assertThat(ExtensionConfig.enabled(DefaultConfigProperties.createFromMap(Map.of(
        "otel.instrumentation.common.default-enabled", "false")))).isFalse();
    assertThat(ExtensionConfig.enabled(DefaultConfigProperties.createFromMap(Map.of(
        "otel.instrumentation.common.default-enabled", "false",
        "otel.instrumentation.perf.enabled", "true")))).isTrue();
  }
}
