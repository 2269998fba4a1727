package io.perfagent.otel;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.perfagent.agent.export.StageMetricProducer;
import java.util.List;

/**
 * Hooks into the agent's SDK as it is built: the stage metrics come from the collector's
 * statistics through a metric producer (as in perf.jar, not recorded per call), and a span
 * processor placed first drains the stages at shutdown, before the exporters' own processors
 * flush, so the last stages' spans go out with them.
 */
public final class PerfCustomizer implements AutoConfigurationCustomizerProvider {

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addMeterProviderCustomizer((builder, config) -> {
      if (!ExtensionConfig.enabled(config)) {
        return builder;
      }
      MetricProducer stages = new StageMetricProducer(PerfRuntime.STATS, PerfRuntime.scope(),
          PerfRuntime.START_EPOCH_NANOS);
      // before the listener has run (or when it could not), there is nothing to read
      return builder.registerMetricProducer(resource -> PerfRuntime.running()
          ? stages.produce(resource) : List.of());
    });
    customizer.addTracerProviderCustomizer((builder, config) ->
        ExtensionConfig.enabled(config) ? builder.addSpanProcessorFirst(new ExitDrain())
            : builder);
  }
}
