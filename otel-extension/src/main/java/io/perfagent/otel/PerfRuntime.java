package io.perfagent.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.perfagent.agent.collect.Collector;
import io.perfagent.agent.collect.CpuSampler;
import io.perfagent.agent.collect.EpochClock;
import io.perfagent.agent.collect.StatsTable;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.export.ResourceInstruments;
import io.perfagent.agent.export.SpanConverter;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.resource.ResourceSampler;
import io.perfagent.bootstrap.HostSpans;
import java.util.List;

/**
 * perf-agent's threads inside the OpenTelemetry agent, one set per JVM (this class is loaded
 * once, by the extension's class loader): the collector that drains the stage buffers into the
 * live spans and the statistics, the CPU sampler, and the resource samplers publishing through
 * the agent's meter provider under perf.jar's metric names.
 */
final class PerfRuntime {

  static final String SCOPE = "io.perfagent";
  /** The statistics the stage metrics are produced from, made before the SDK is. */
  static final StatsTable STATS = new StatsTable();
  static final long START_EPOCH_NANOS = System.currentTimeMillis() * 1_000_000L;

  private static PerfRuntime running;

  private final AgentConfig config;
  private final Collector collector;
  private final CpuSampler cpu;
  private final ResourceSampler resources;

  private PerfRuntime(AgentConfig config, Collector collector, CpuSampler cpu,
      ResourceSampler resources) {
    this.config = config;
    this.collector = collector;
    this.cpu = cpu;
    this.resources = resources;
  }

  static String version() {
    String v = PerfRuntime.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static InstrumentationScopeInfo scope() {
    return InstrumentationScopeInfo.builder(SCOPE).setVersion(version()).build();
  }

  static synchronized boolean running() {
    return running != null;
  }

  /** Turns measurement on and starts the threads; once. */
  static synchronized void start(AgentConfig config, OpenTelemetry otel) {
    if (running != null) {
      return;
    }
    Tracer tracer = otel.getTracer(SCOPE, version());
    HostSpans.contextKey = ContextKey.named("perf-stage");
    HostSpans.tracer = tracer;
    config.applyToMeasurement();
    EpochClock clock = new EpochClock(HostSpans.ANCHOR_EPOCH_NANOS, HostSpans.ANCHOR_NANO_TIME);
    ResourceSampler resources = config.get(AgentConfig.SAMPLE)
        ? ResourceSampler.of(config, clock) : null;
    SpanConverter converter = new SpanConverter(scope(), Resource.empty(),
        resources == null ? null : resources.timeline());
    Collector collector = new Collector(STATS, List.of(new LiveSpanSink(tracer, converter)),
        config.get(AgentConfig.DRAIN_INTERVAL).toNanos(), clock);
    collector.start();
    CpuSampler cpu = new CpuSampler(config.get(AgentConfig.CPU_SAMPLE_INTERVAL).toNanos());
    cpu.start();
    if (resources != null) {
      ResourceInstruments instruments = new ResourceInstruments(otel.getMeterProvider()
          .meterBuilder(SCOPE + ".resources").setInstrumentationVersion(version()).build(),
          resources.readings());
      resources.afterTick(instruments::sync);
      resources.start();
    }
    running = new PerfRuntime(config, collector, cpu, resources);
    AgentLog.debug("perf-otel-extension started");
  }

  /** At the agent's shutdown: the last drain, bounded by {@code flush.timeout}; once. */
  static void stop() {
    PerfRuntime r;
    synchronized (PerfRuntime.class) {
      r = running;
    }
    if (r == null) {
      return;
    }
    r.shutdown();
  }

  private boolean stopped;

  private synchronized void shutdown() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      long start = System.nanoTime();
      long flush = config.get(AgentConfig.FLUSH_TIMEOUT).toNanos();
      cpu.stop();
      if (resources != null) {
        resources.stop(start + Math.min(flush, 1_000_000_000L));
      }
      collector.shutdown(start + flush);
    } catch (Throwable t) {
      AgentLog.failure("otel-exit", "could not drain the last stages at exit", t);
    }
  }
}
