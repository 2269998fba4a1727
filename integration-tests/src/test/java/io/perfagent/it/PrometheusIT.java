package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.apps.ScrapedApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code OTEL_METRICS_EXPORTER=prometheus} on the real perf.jar, no collector: the agent
 * serves its stage and resource metrics for scraping (the SDK's Prometheus exporter, inside
 * perf.jar relocated), and a real HTTP scrape reads a finished run's exact call count.
 */
class PrometheusIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void theAgentServesItsMetricsForScraping(Jdk jdk) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ChildJvm.Running child = ChildJvm.builder(jdk, "PrometheusIT-jdk" + jdk.feature())
        .agent(ItPaths.agentJar(), "sample.interval=200ms")
        .env("OTEL_METRICS_EXPORTER", "prometheus")
        .env("OTEL_EXPORTER_PROMETHEUS_PORT", Integer.toString(port))
        .env("OTEL_EXPORTER_PROMETHEUS_HOST", "127.0.0.1")
        .env("OTEL_TRACES_EXPORTER", "none")
        .env("OTEL_SERVICE_NAME", "scraped")
        .classpath(ItClasspath.apps()).mainClass(ScrapedApp.class).start()) {
      child.awaitStdoutLine("READY"::equals, Duration.ofSeconds(60));
      HttpClient http = HttpClient.newHttpClient();
      String expected = "perf_stage=\"scrape.step\"} 5000";
      String body = "";
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < until) {
        try {
          body = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException notYet) {
          body = ""; // the exporter's server starts on the agent's own thread
        }
        // the run's count once its folds are read; the JVM's series after a sampler tick
        if (body.lines().anyMatch(l -> l.startsWith("perf_stage_duration_seconds_count{")
            && l.endsWith(expected))
            && body.lines().anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"))) {
          break;
        }
        Thread.sleep(200);
      }
      child.writeLine("go");
      ChildResult r = child.awaitExit();
      assertThat(r.exitCode()).as(r::describe).isZero();
      List<String> lines = body.lines().toList();
      assertThat(lines).as(body)
          .anyMatch(l -> l.startsWith("perf_stage_duration_seconds_count{")
              && l.contains("perf_pipeline=\"scraped\"") && l.endsWith(expected))
          .anyMatch(l -> l.startsWith("perf_stage_duration_seconds_count{")
              && l.endsWith("perf_stage=\"scrape.run\"} 1"))
          .anyMatch(l -> l.startsWith("perf_stage_cpu_time_seconds_total{"))
          .anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"))
          .anyMatch(l -> l.startsWith("target_info{") && l.contains("service_name=\"scraped\""));
      assertThat(r.stderr()).doesNotContain("export is off");
    }
  }
}
