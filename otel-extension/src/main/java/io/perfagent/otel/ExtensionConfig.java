package io.perfagent.otel;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.perfagent.agent.config.AgentConfig;

/**
 * perf-agent's keys as the OpenTelemetry agent's properties: {@code fold.threshold} is
 * {@code otel.instrumentation.perf.fold.threshold} ({@code -D}, the agent's configuration file,
 * or {@code OTEL_INSTRUMENTATION_PERF_FOLD_THRESHOLD}); {@code otel.instrumentation.perf.enabled}
 * is the agent's own switch of the module, and this extension starts nothing when it is off.
 */
final class ExtensionConfig {

  static final String MODULE = "perf";
  static final String PREFIX = "otel.instrumentation." + MODULE + ".";

  private ExtensionConfig() {}

  /** False when the module is switched off, by its own key or by the agent's default. */
  static boolean enabled(ConfigProperties config) {
    boolean byDefault = config.getBoolean("otel.instrumentation.common.default-enabled", true);
    return config.getBoolean(PREFIX + "enabled", byDefault);
  }

  static AgentConfig read(ConfigProperties config) {
    return AgentConfig.load(name -> config.getString(PREFIX + name), PREFIX);
  }
}
