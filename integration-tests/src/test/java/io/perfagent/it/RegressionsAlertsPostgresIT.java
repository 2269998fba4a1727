package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.analyzer.PostgresServer;
import io.perfagent.it.analyzer.RunHistory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regressions and alerts on a real PostgreSQL (the V3 schema there: BIGSERIAL ids, the
 * partial unique index that keeps one active alert per condition), shared by two analyzers:
 * runs of pipeline {@code orders} from a child JVM under perf.jar go to one, whose stage
 * {@code score} slows from 20 to 40 ms at run 7; the other serves the finding and the alert,
 * takes the acknowledgement, and shows it in {@code /metrics}. Skipped without PostgreSQL
 * (fails with {@code CI=true}), as {@link AnalyzerPostgresIT}.
 */
class RegressionsAlertsPostgresIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void findingsAndAlertsLiveInTheSharedDatabase() throws Exception {
    Path bin = PostgresServer.required();
    int portB;
    try (ServerSocket s = new ServerSocket(0)) {
      portB = s.getLocalPort();
    }
    List<String> common = List.of("--quiet-period", "300ms", "--slo",
        "stage:score:p95<30ms/60ms");
    try (PostgresServer pg = PostgresServer.start(bin);
        AnalyzerProcess a = AnalyzerProcess.start("RegressionsAlertsPostgresIT-a", null,
            concat(List.of("--jdbc-url", pg.jdbcUrl()), common));
        AnalyzerProcess b = AnalyzerProcess.start("RegressionsAlertsPostgresIT-b", null,
            concat(List.of("--jdbc-url", pg.jdbcUrl(), "--port", String.valueOf(portB)),
                common))) {
      RunHistory.feed(a, "RegressionsAlertsPostgresIT-app", "orders-pg",
          "20,20,20,20,20,20,40,40,40,40,40");

      JsonNode found = b.awaitJson("/api/regressions?pipeline=orders&direction=regression",
          n -> n.path("regressions").findValuesAsText("text").stream()
              .anyMatch(t -> t.startsWith("score p50 ")), WAIT);
      JsonNode p50 = null;
      for (JsonNode f : found.path("regressions")) {
        if (f.path("stage").asText().equals("score") && f.path("metric").asText().equals("p50")) {
          p50 = f;
        }
      }
      System.out.println("RegressionsAlertsPostgresIT: " + p50);
      assertThat(p50.path("start_run_number").asLong()).isEqualTo(7);
      assertThat(p50.path("runs_before").asInt()).isEqualTo(6);
      assertThat(p50.path("runs_after").asInt()).isEqualTo(5);

      JsonNode open = b.awaitJson("/api/alerts?state=open&pipeline=orders",
          n -> n.path("alerts").size() == 1, WAIT).path("alerts").get(0);
      assertThat(open.path("subject").asText()).isEqualTo("stage:score");
      HttpResponse<String> ack = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + portB + "/api/alerts/" + open.path("id").asLong()
                  + "/ack")).POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"bob\"}"))
              .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
      JsonNode acked = new ObjectMapper().readTree(ack.body());
      assertThat(acked.path("acked_by").asText()).isEqualTo("bob");
      // the analyzer that raised it reads the acknowledgement from the shared database
      JsonNode seen = a.getJson("/api/alerts?state=acknowledged").path("alerts").get(0);
      assertThat(seen.path("id").asLong()).isEqualTo(open.path("id").asLong());
      long deadline = System.nanoTime() + WAIT.toNanos();
      String metrics = "";
      while (System.nanoTime() < deadline && !metrics.contains("state=\"acknowledged\"")) {
        Thread.sleep(200);
        metrics = a.get("/metrics").body();
      }
      assertThat(metrics).contains("perf_analyzer_alert{").contains("state=\"acknowledged\"");
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
