package io.perfagent.otel;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * The {@code perf} instrumentation module: {@code @Monitored} methods and the {@code Perf}
 * API. Its name gives it the agent's own switch, {@code otel.instrumentation.perf.enabled}.
 * Without the Gradle muzzle plugin nothing finds the helper for the agent, so it is named here
 * ({@link #getAdditionalHelperClassNames}); the bootstrap classes need no injection.
 */
public final class PerfInstrumentationModule extends InstrumentationModule {

  /** The helpers the advice calls, injected into each class loader with a woven class. */
  static final List<String> HELPERS = List.of("io.perfagent.otel.helper.StageSpans",
      "io.perfagent.otel.helper.LiveStage");

  public PerfInstrumentationModule() {
    super(ExtensionConfig.MODULE);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new MonitoredInstrumentation(), new PerfApiInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }

  @Override
  public boolean isHelperClass(String className) {
    return className.startsWith("io.perfagent.otel.helper.");
  }
}
