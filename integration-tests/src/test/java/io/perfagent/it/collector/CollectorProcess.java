package io.perfagent.it.collector;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slim collector ({@code otelcol-perf}) running one of the configs users copy from
 * {@code collector-config/}, on free ports of its own: OTLP gRPC and HTTP in, and its own
 * metrics (which would otherwise take 8888, as Jaeger's would). The backends' addresses are
 * given as the config's environment variables.
 */
public final class CollectorProcess implements AutoCloseable {

  /** What the collector logs once every pipeline runs. */
  private static final String READY = "Everything is ready";

  private final ServiceProcess process;
  private final int grpcPort;
  private final int httpPort;
  private final int metricsPort;

  private CollectorProcess(ServiceProcess process, int grpcPort, int httpPort,
      int metricsPort) {
    this.process = process;
    this.grpcPort = grpcPort;
    this.httpPort = httpPort;
    this.metricsPort = metricsPort;
  }

  /**
   * Starts {@code collector-config/<config>} with {@code backends} (e.g.
   * {@code JAEGER_OTLP_ENDPOINT}) and returns once its pipelines run.
   */
  public static CollectorProcess start(String name, String config, Map<String, String> backends) {
    int grpc = FreePorts.next();
    int http = FreePorts.next();
    int metrics = FreePorts.next();
    Map<String, String> env = new LinkedHashMap<>(backends);
    env.put("OTELCOL_OTLP_GRPC", "127.0.0.1:" + grpc);
    env.put("OTELCOL_OTLP_HTTP", "127.0.0.1:" + http);
    env.put("OTELCOL_METRICS_PORT", Integer.toString(metrics));
    ServiceProcess p = ServiceProcess.start(name, List.of(GoBinaries.otelcol().toString(),
        "--config", GoBinaries.configDir().resolve(config).toString()), env);
    try {
      p.awaitLine(l -> l.contains(READY), Duration.ofSeconds(60));
    } catch (AssertionError e) {
      p.close();
      throw e;
    }
    return new CollectorProcess(p, grpc, http, metrics);
  }

  /** {@code OTEL_*} settings that make an agent export here, over gRPC or HTTP/protobuf. */
  public Map<String, String> exporterEnv(String serviceName, boolean grpc) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + (grpc ? grpcPort : httpPort));
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", grpc ? "grpc" : "http/protobuf");
    env.put("OTEL_SERVICE_NAME", serviceName);
    return env;
  }

  /** Its own metrics, Prometheus text, for what it sent and failed to send. */
  public int metricsPort() {
    return metricsPort;
  }

  public ServiceProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
