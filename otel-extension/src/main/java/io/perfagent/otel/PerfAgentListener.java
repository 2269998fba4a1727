package io.perfagent.otel;

import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.internal.AutoConfigureUtil;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.log.AgentLog;

/**
 * Starts perf-agent's side once the agent's SDK is built, before the application's
 * {@code main}: the bootstrap classes, the measurement settings, then (in {@link PerfRuntime})
 * the collector, the CPU sampler and the resource samplers on the agent's tracer and meter
 * provider. With {@code otel.instrumentation.perf.enabled=false} it starts nothing.
 */
public final class PerfAgentListener implements AgentListener {

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk sdk) {
    try {
      ConfigProperties properties = AutoConfigureUtil.getConfig(sdk);
      if (properties == null || !ExtensionConfig.enabled(properties)) {
        return;
      }
      AgentConfig config = ExtensionConfig.read(properties);
      AgentLog.setDebug(config.get(AgentConfig.DEBUG));
      config.report();
      if (!BootstrapJar.install()) {
        return;
      }
      PerfRuntime.start(config, sdk.getOpenTelemetrySdk());
    } catch (Throwable t) {
      AgentLog.failure("otel-start", "perf-otel-extension could not start; the application "
          + "runs on without its stages", t);
    }
  }
}
