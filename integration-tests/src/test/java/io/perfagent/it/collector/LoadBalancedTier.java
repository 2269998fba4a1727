package io.perfagent.it.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.analyzer.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scale-out set-up of {@code collector-config/otelcol-loadbalancing.yaml}, all real
 * programs: a PostgreSQL server, two analyzers sharing it (on fixed ports, so that one can be
 * restarted where the collector's static resolver expects it), Jaeger v2, and the collector
 * routing traces by trace ID over the two analyzers and sending metrics to both.
 */
public final class LoadBalancedTier implements AutoCloseable {

  private final PostgresServer pg;
  private final JaegerProcess jaeger;
  private final String name;
  private final List<List<String>> analyzerArgs = new ArrayList<>();
  private final AnalyzerProcess[] analyzers = new AnalyzerProcess[2];
  private final CollectorProcess collector;

  private LoadBalancedTier(String name, PostgresServer pg) {
    this.name = name;
    this.pg = pg;
    JaegerProcess j = null;
    CollectorProcess c = null;
    try {
      j = JaegerProcess.start(name + "-jaeger");
      for (int i = 0; i < 2; i++) {
        // the analyzer's default quiet period (2 s), not a test's shorter one: behind the
        // collector's batching a run's two JVMs' spans can arrive further apart
        analyzerArgs.add(List.of("--jdbc-url", pg.jdbcUrl(), "--quiet-period", "2s",
            "--otlp-grpc-port", Integer.toString(FreePorts.next())));
        analyzers[i] = AnalyzerProcess.start(analyzerName(i), null, analyzerArgs.get(i));
      }
      c = CollectorProcess.start(name + "-otelcol", "otelcol-loadbalancing.yaml", Map.of(
          "JAEGER_OTLP_ENDPOINT", j.otlpEndpoint(),
          "ANALYZER_A_OTLP_ENDPOINT", "127.0.0.1:" + analyzers[0].grpcPort(),
          "ANALYZER_B_OTLP_ENDPOINT", "127.0.0.1:" + analyzers[1].grpcPort()));
    } catch (RuntimeException | Error e) {
      closeQuietly(c);
      for (AnalyzerProcess a : analyzers) {
        closeQuietly(a);
      }
      closeQuietly(j);
      pg.close();
      throw e;
    }
    this.jaeger = j;
    this.collector = c;
  }

  /**
   * Starts the tier. Without PostgreSQL or Go the test is skipped with one line (failed under
   * {@code CI=true}).
   */
  public static LoadBalancedTier start(String name) throws Exception {
    GoBinaries.assumeGo();
    Path bin = PostgresServer.required();
    // build both before anything starts, so that no process waits through a cold build
    GoBinaries.otelcol();
    GoBinaries.jaeger();
    return new LoadBalancedTier(name, PostgresServer.start(bin));
  }

  private String analyzerName(int i) {
    return name + "-analyzer-" + (char) ('a' + i);
  }

  /** Analyzer A (0) or B (1). */
  public AnalyzerProcess analyzer(int i) {
    return analyzers[i];
  }

  /** Kills analyzer {@code i} at once (SIGKILL, as {@code kill -9}): nothing is drained. */
  public void kill(int i) {
    analyzers[i].close();
  }

  /** Starts analyzer {@code i} again on the same ports and the same database. */
  public AnalyzerProcess restart(int i) {
    analyzers[i] = AnalyzerProcess.start(analyzerName(i) + "-restarted", null,
        analyzerArgs.get(i));
    return analyzers[i];
  }

  public CollectorProcess collector() {
    return collector;
  }

  public JaegerProcess jaeger() {
    return jaeger;
  }

  /** The ids of the stored runs of {@code pipeline}, read through analyzer {@code i}. */
  public Set<String> storedRuns(int i, String pipeline) {
    Set<String> ids = new LinkedHashSet<>();
    for (int offset = 0; ; offset += 1000) {
      String path = "/api/pipelines/" + pipeline + "/runs?limit=1000&offset=" + offset;
      if (analyzers[i].get(path).statusCode() == 404) {
        return ids; // no run of it stored yet
      }
      JsonNode page = analyzers[i].getJson(path);
      page.path("runs").forEach(r -> ids.add(r.path("id").asText()));
      if (page.path("runs").size() < 1000) {
        return ids;
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(collector);
    for (AnalyzerProcess a : analyzers) {
      closeQuietly(a);
    }
    closeQuietly(jaeger);
    pg.close();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // closing everything else matters more
    }
  }
}
