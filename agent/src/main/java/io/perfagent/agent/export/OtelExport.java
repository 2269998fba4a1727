package io.perfagent.agent.export;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.perfagent.agent.collect.FinishedStage;
import io.perfagent.agent.collect.StageSink;
import io.perfagent.agent.collect.StatsTable;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.resource.ResourceSampler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Exports finished stages as spans and the stage statistics as metrics over OTLP, configured
 * by the SDK's autoconfigure module from the standard {@code OTEL_*} variables and
 * {@code otel.*} properties (endpoint, protocol, headers, service name, resource, sampler,
 * batch sizes).
 *
 * <p>The SDK starts on its own thread, so the application's start-up does not wait for it;
 * stages finished meanwhile queue. The queue is bounded ({@code otel.bsp.max.queue.size},
 * batches of {@code otel.bsp.max.export.batch.size}): when the collector is slow or
 * unreachable, spans are dropped and counted, never waited for.
 */
public final class OtelExport implements StageSink {

  private static final String[] TRIGGER_KEYS = {
      "otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint",
      "otel.exporter.otlp.metrics.endpoint", "otel.traces.exporter", "otel.metrics.exporter"};
  private static final int MAX_IN_FLIGHT = 2;
  private static final int SAMPLING_CACHE = 4096;
  /** Kept strongly: JUL holds loggers weakly, and a collected logger forgets its level. */
  private static Logger quietLogger;

  private final StatsTable stats;
  private volatile int queueLimit;
  private volatile int batchSize = 512;
  private final String version;
  private final long startEpochNanos;
  private final ArrayDeque<FinishedStage> queue = new ArrayDeque<>();
  private final Thread init;
  private final AtomicInteger inFlight = new AtomicInteger();
  /** The exports not yet answered, with their span counts: the exit flush waits for these. */
  private final Map<CompletableResultCode, Integer> pending = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  /** Metric exports not yet answered (the exporter may be retrying). */
  private final AtomicInteger metricsInFlight = new AtomicInteger();
  private long dropped;
  private long sampledOut;
  private final Map<String, Boolean> sampling = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > SAMPLING_CACHE;
    }
  };

  private volatile Ready ready;
  private volatile ResourceSampler resources;
  private volatile ResourceInstruments resourceInstruments;
  private volatile boolean initFailed;
  private final String endpoint;

  /** What autoconfigure produced: all written once on the init thread. */
  private static final class Ready {
    OpenTelemetrySdk sdk;
    SpanExporter exporter;
    Sampler sampler;
    Resource resource;
    SpanConverter converter;
  }

  public OtelExport(StatsTable stats, String version, long startEpochNanos,
      Properties system, Map<String, String> env) {
    this.stats = stats;
    this.queueLimit = 2048;
    this.version = version;
    this.startEpochNanos = startEpochNanos;
    this.endpoint = endpoint(system, env);
    this.init = new Thread(this::initialize, "perf-agent-otel-init");
    this.init.setDaemon(true);
  }

  /** Export runs when an OTLP endpoint or an exporter is configured the standard way. */
  public static boolean wanted(Properties system, Map<String, String> env) {
    for (String key : TRIGGER_KEYS) {
      if (setting(key, system, env) != null) {
        return true;
      }
    }
    return false;
  }

  private static String setting(String key, Properties system, Map<String, String> env) {
    String v = system.getProperty(key);
    if (v == null) {
      v = env.get(key.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    return v == null || v.isBlank() ? null : v;
  }

  private static String endpoint(Properties system, Map<String, String> env) {
    String e = setting("otel.exporter.otlp.traces.endpoint", system, env);
    if (e == null) {
      e = setting("otel.exporter.otlp.endpoint", system, env);
    }
    return e == null ? "the default OTLP endpoint" : e;
  }

  /**
   * Exports the sampler's readings as metrics and puts its averages on long spans; call before
   * {@link #start}. The sampler calls back after each tick.
   */
  public void resources(ResourceSampler sampler) {
    this.resources = sampler;
    sampler.afterTick(this::syncResources);
  }

  public void start() {
    init.start();
  }

  private void syncResources() {
    ResourceInstruments ri = resourceInstruments;
    if (ri != null) {
      ri.sync();
    }
  }

  private void initialize() {
    try {
      quiet();
      Ready r = new Ready();
      List<SpanExporter> exporters = new ArrayList<>();
      InstrumentationScopeInfo scope =
          InstrumentationScopeInfo.builder("io.perfagent").setVersion(version).build();
      AutoConfiguredOpenTelemetrySdk auto = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(this::defaults)
          .addResourceCustomizer((res, cfg) -> {
            r.resource = res;
            return res;
          })
          .addSamplerCustomizer((s, cfg) -> {
            r.sampler = s;
            return s;
          })
          .addSpanExporterCustomizer((e, cfg) -> {
            // the standard batch limits apply to the agent's own batching
            queueLimit = Math.max(1, cfg.getInt("otel.bsp.max.queue.size", 2048));
            batchSize = Math.max(1, cfg.getInt("otel.bsp.max.export.batch.size", 512));
            exporters.add(e);
            return e;
          })
          .addMetricExporterCustomizer((e, cfg) -> new ReportingMetricExporter(e))
          .addMeterProviderCustomizer((b, cfg) -> b.registerMetricProducer(
              new StageMetricProducer(stats, scope, startEpochNanos)))
          .setServiceClassLoader(OtelExport.class.getClassLoader())
          .disableShutdownHook()
          .build();
      r.sdk = auto.getOpenTelemetrySdk();
      r.exporter = exporters.isEmpty() ? null : SpanExporter.composite(exporters);
      if (r.resource == null) {
        r.resource = Resource.getDefault();
      }
      if (r.sampler == null) {
        r.sampler = Sampler.parentBased(Sampler.alwaysOn());
      }
      ResourceSampler sampler = resources;
      r.converter = new SpanConverter(scope, r.resource,
          sampler == null ? null : sampler.timeline());
      if (sampler != null) {
        resourceInstruments = new ResourceInstruments(r.sdk.getSdkMeterProvider()
            .meterBuilder("io.perfagent.resources").setInstrumentationVersion(version).build(),
            sampler.readings());
      }
      ready = r;
      AgentLog.debug("OpenTelemetry export ready: spans to " + endpoint);
    } catch (Throwable t) {
      initFailed = true;
      AgentLog.failure("otel-init", "OpenTelemetry export is off: its configuration could not "
          + "be used", t);
    }
  }

  private Map<String, String> defaults() {
    Map<String, String> d = new HashMap<>();
    d.put("otel.logs.exporter", "none");
    return d;
  }

  private static void quiet() {
    // The SDK and OkHttp log export failures with stack traces through java.util.logging;
    // the agent says them once, in one line, itself.
    quietLogger = Logger.getLogger("io.perfagent.shaded");
    if (!AgentLog.debug()) {
      quietLogger.setLevel(Level.OFF);
    }
  }

  @Override
  public void accept(FinishedStage stage) {
    if (initFailed) {
      dropped++;
      return;
    }
    if (queue.size() >= queueLimit) {
      dropped++;
      AgentLog.once("export-queue", "the span export queue is full (otel.bsp.max.queue.size="
          + queueLimit + "); new spans are dropped and counted");
      return;
    }
    queue.add(stage);
  }

  @Override
  public void endOfPass() {
    send(false);
  }

  private void send(boolean all) {
    Ready r = ready;
    if (r == null) {
      return;
    }
    if (r.exporter == null) {
      queue.clear(); // traces exporter "none": metrics only
      return;
    }
    while (!queue.isEmpty() && (all || inFlight.get() < MAX_IN_FLIGHT)) {
      List<SpanData> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
      while (batch.size() < batchSize && !queue.isEmpty()) {
        FinishedStage s = queue.poll();
        if (sampled(r, s)) {
          batch.add(r.converter.convert(s));
        } else {
          sampledOut++;
        }
      }
      if (batch.isEmpty()) {
        continue;
      }
      int n = batch.size();
      inFlight.incrementAndGet();
      CompletableResultCode result = r.exporter.export(batch);
      pending.put(result, n);
      result.whenComplete(() -> {
        if (pending.remove(result) == null) {
          return; // given up on at exit, and counted then
        }
        inFlight.decrementAndGet();
        if (result.isSuccess()) {
          sent.addAndGet(n);
        } else {
          spansLost(n, describe(result));
        }
      });
    }
  }

  private void spansLost(int n, String why) {
    failed.addAndGet(n);
    AgentLog.once("export-failed", "could not export spans to " + endpoint + why
        + "; the application goes on and the loss is counted in the exit summary");
  }

  /**
   * Exports still unanswered when the exit flush ends are lost: the exporter may be retrying
   * a collector that does not answer. Counted as failed, and said once, like a failed export.
   */
  private void giveUpPending() {
    for (Map.Entry<CompletableResultCode, Integer> e : pending.entrySet()) {
      if (pending.remove(e.getKey()) != null) {
        inFlight.decrementAndGet();
        spansLost(e.getValue(), NO_ANSWER);
      }
    }
  }

  private static final String NO_ANSWER = " (no answer within flush.timeout at exit)";

  private static String describe(CompletableResultCode result) {
    Throwable t = result.getFailureThrowable();
    return t == null ? "" : " (" + AgentLog.describe(t) + ")";
  }

  private boolean sampled(Ready r, FinishedStage s) {
    String traceId = SpanConverter.traceId(s.traceHi, s.traceLo);
    Boolean decision = sampling.get(traceId);
    if (decision == null) {
      SamplingDecision d = r.sampler.shouldSample(Context.root(), traceId,
          SpanConverter.spanName(s), SpanKind.INTERNAL, Attributes.empty(),
          Collections.emptyList()).getDecision();
      decision = d == SamplingDecision.RECORD_AND_SAMPLE;
      sampling.put(traceId, decision);
    }
    return decision;
  }

  @Override
  public void finish(long deadlineNanos) {
    try {
      init.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Ready r = ready;
    if (r == null) {
      dropped += queue.size();
      queue.clear();
      return;
    }
    send(true);
    syncResources(); // the sampler has stopped: its last events go out with this flush
    // an OTLP exporter's flush() does not wait for exports in flight, and shutting it down
    // cancels them: wait for each export itself
    List<CompletableResultCode> flushes = new ArrayList<>(pending.keySet());
    if (r.exporter != null) {
      flushes.add(r.exporter.flush());
    }
    CompletableResultCode metrics = r.sdk.getSdkMeterProvider().forceFlush();
    flushes.add(metrics);
    // stop short of the deadline, so what was lost is counted and said before the summary
    long margin = Math.min(300_000_000L, Math.max(0, deadlineNanos - System.nanoTime()) / 5);
    CompletableResultCode.ofAll(flushes).join(remainingMillis(deadlineNanos - margin),
        TimeUnit.MILLISECONDS);
    giveUpPending();
    if (!metrics.isDone() || metricsInFlight.get() > 0) {
      AgentLog.once("metrics-failed", "could not export metrics to " + endpoint + NO_ANSWER
          + "; the application goes on");
    }
    // the SDK's shutdown makes a last metric export and waits for it inside the call: on its
    // own thread, so an unanswering collector cannot hold the exit past the deadline
    long until = deadlineNanos - margin / 3;
    Thread shutdown = new Thread(
        () -> r.sdk.shutdown().join(remainingMillis(until), TimeUnit.MILLISECONDS),
        "perf-agent-otel-shutdown");
    shutdown.setDaemon(true);
    shutdown.start();
    try {
      shutdown.join(remainingMillis(until));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  /** One line for the exit summary. */
  public String describe() {
    long pending = inFlight.get();
    return "export to " + endpoint + ": " + sent.get() + " spans sent, " + failed.get()
        + " failed, " + dropped + " dropped (queue full or export off)"
        + (sampledOut > 0 ? ", " + sampledOut + " not sampled" : "")
        + (pending > 0 ? ", " + pending + " batches unfinished at exit" : "");
  }

  /** Says once, in one line, that metrics could not be exported. */
  private final class ReportingMetricExporter implements MetricExporter {
    private final MetricExporter delegate;

    ReportingMetricExporter(MetricExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      metricsInFlight.incrementAndGet();
      CompletableResultCode result = delegate.export(metrics);
      result.whenComplete(() -> {
        metricsInFlight.decrementAndGet();
        if (!result.isSuccess()) {
          AgentLog.once("metrics-failed", "could not export metrics to " + endpoint
              + describe(result) + "; the application goes on");
        }
      });
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }

    @Override
    public io.opentelemetry.sdk.metrics.data.AggregationTemporality getAggregationTemporality(
        io.opentelemetry.sdk.metrics.InstrumentType type) {
      return delegate.getAggregationTemporality(type);
    }

    @Override
    public io.opentelemetry.sdk.metrics.Aggregation getDefaultAggregation(
        io.opentelemetry.sdk.metrics.InstrumentType type) {
      return delegate.getDefaultAggregation(type);
    }

    @Override
    public io.opentelemetry.sdk.common.export.MemoryMode getMemoryMode() {
      return delegate.getMemoryMode();
    }
  }
}
