package io.perfagent.analyzer;

import io.perfagent.analyzer.alert.AlertMonitor;
import io.perfagent.analyzer.analyse.ResourceTimelines;
import io.perfagent.analyzer.analyse.RunAnalyser;
import io.perfagent.analyzer.analyse.RunListener;
import io.perfagent.analyzer.api.ApiServer;
import io.perfagent.analyzer.assemble.IngestQueue;
import io.perfagent.analyzer.assemble.RunAssembler;
import io.perfagent.analyzer.config.AnalyzerConfig;
import io.perfagent.analyzer.http.BearerToken;
import io.perfagent.analyzer.http.HttpServers;
import io.perfagent.analyzer.receive.MetricPoints;
import io.perfagent.analyzer.receive.OtlpGrpcReceiver;
import io.perfagent.analyzer.receive.OtlpHttpReceiver;
import io.perfagent.analyzer.receive.OtlpIngest;
import io.perfagent.analyzer.regress.ChangePoints;
import io.perfagent.analyzer.regress.RegressionMonitor;
import io.perfagent.analyzer.store.JdbcHistoryStore;
import io.perfagent.analyzer.store.Retention;
import io.perfagent.analyzer.store.StoreException;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import io.perfagent.analyzer.telemetry.HistoryGauges;
import io.perfagent.analyzer.translate.ResourceSamples;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service, wired: receivers → ingest queue → assembler → analyser → store, the API over the
 * store, retention beside; each stored run is handed to the regression and alert monitors,
 * which work on threads of their own. {@link #stop()} drains in that order: no new requests,
 * the queued spans assembled, every run whose root came analysed and stored, the monitors'
 * work done, then the database closed.
 */
public final class AnalyzerService {

  private final AnalyzerConfig config;
  private final AnalyzerMetrics metrics = new AnalyzerMetrics();
  private final JdbcHistoryStore store;
  private final IngestQueue queue;
  private final RunAnalyser analyser;
  private final RunAssembler assembler;
  private final OtlpHttpReceiver http;
  private final OtlpGrpcReceiver grpc;
  private final ApiServer api;
  private final Retention retention;
  private final RegressionMonitor regressions;
  private final AlertMonitor alerts;
  private final AtomicBoolean stopped = new AtomicBoolean();

  public AnalyzerService(AnalyzerConfig config) throws IOException, StoreException {
    this.config = config;
    HttpServers.limitConnections();
    BearerToken token = new BearerToken(config.token());
    this.store = JdbcHistoryStore.open(config.jdbcUrl());
    try {
      this.queue = new IngestQueue(config.maxQueuedSpans());
      ResourceTimelines resources = new ResourceTimelines();
      this.analyser = new RunAnalyser(store, metrics, resources);
      this.assembler = new RunAssembler(queue, store, analyser, metrics, config.quietPeriod(),
          config.maxOpenTraces(), config.maxSpansPerTrace());
      OtlpIngest ingest = new OtlpIngest(queue, metrics);
      OtlpHttpReceiver.MetricSink metricSink = request -> {
        metrics.metricPoints(MetricPoints.count(request));
        resources.add(ResourceSamples.samples(request));
      };
      this.http = config.httpPort() < 0 ? null : new OtlpHttpReceiver(config.bind(),
          config.httpPort(), ingest, metrics, token, config.maxBodyBytes(), metricSink);
      this.grpc = config.grpcPort() < 0 ? null : new OtlpGrpcReceiver(config.bind(),
          config.grpcPort(), ingest, metrics, token, config.maxBodyBytes(), metricSink);
      this.api = new ApiServer(config.bind(), config.apiPort(), store, metrics, token,
          Main.version(), assembler::openTraces, queue::depth);
      this.retention = new Retention(store, config.retention(), metrics);
      this.regressions = new RegressionMonitor(store, metrics, config.regressionWindow(),
          new ChangePoints.Options(config.regressionMinRuns(), config.regressionMinChange(),
              config.regressionMaxP()));
      this.alerts = new AlertMonitor(store, metrics, config.slo(), resources,
          config.alertAfter());
      analyser.addListener(regressions);
      analyser.addListener(alerts);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    metrics.gauge("perf_analyzer_open_traces", "Traces being assembled", assembler::openTraces);
    metrics.gauge("perf_analyzer_ingest_queue_spans", "Spans waiting for the assembler",
        queue::depth);
    metrics.gauge("perf_analyzer_analysis_queue_runs", "Closed runs waiting for the analysis",
        analyser::queued);
    HistoryGauges.register(store, metrics);
  }

  /** The seam for alerts, regressions and a dashboard: told of each stored run version. */
  public void addListener(RunListener listener) {
    analyser.addListener(listener);
  }

  public void start() throws IOException {
    retention.start();
    regressions.start();
    alerts.start();
    analyser.start();
    assembler.start();
    api.start();
    if (http != null) {
      http.start();
    }
    if (grpc != null) {
      grpc.start();
    }
  }

  /** One line that says where the service listens (tests read the ports from it). */
  public String listening() {
    return "perf-analyzer " + Main.version() + " listening:"
        + (grpc == null ? "" : " otlp-grpc=" + config.bind() + ":" + grpc.port())
        + (http == null ? "" : " otlp-http=" + config.bind() + ":" + http.port())
        + " api=" + config.bind() + ":" + api.port()
        + " history=" + store.kind() + " " + store.schema();
  }

  public int apiPort() {
    return api.port();
  }

  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  /** Drains and stops; idempotent. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    if (http != null) {
      http.stop();
    }
    if (grpc != null) {
      grpc.stop();
    }
    assembler.stop(Duration.ofSeconds(10));
    analyser.stop(Duration.ofSeconds(20));
    regressions.stop(Duration.ofSeconds(10));
    alerts.stop(Duration.ofSeconds(10));
    api.stop();
    retention.stop();
    store.close();
  }
}
