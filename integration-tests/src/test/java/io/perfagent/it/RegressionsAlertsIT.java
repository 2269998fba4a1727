package io.perfagent.it;

import static io.perfagent.it.analyzer.RunHistory.alertsOf;
import static io.perfagent.it.analyzer.RunHistory.feed;
import static io.perfagent.it.analyzer.RunHistory.finding;
import static io.perfagent.it.analyzer.RunHistory.runIds;
import static io.perfagent.it.analyzer.RunHistory.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItPaths;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regressions and alerts from a run history built by child JVMs under the real perf.jar,
 * exporting to the real analyzer jar with {@code --slo "stage:score:p95<30ms/60ms"}: pipeline
 * {@code orders}, whose stage {@code score} sleeps 20 ms, once 80 ms (run 6, one noisy run),
 * and 40 ms from run 15 on (each well clear of the limits, whatever the timer's jitter);
 * then, after a restart on the same SQLite file, fast again from run 26 on.
 *
 * <ul>
 *   <li>JVM A, runs 1-10: the noisy run breaches the critical limit once, which opens no
 *       alert ({@code --alert-after}, 2 by default) and makes no finding;
 *   <li>JVM B, runs 11-22: the slowdown is found starting at run 15 with its evidence, and
 *       nothing at run 6; its alert is open (the only alert there ever was), and acknowledged
 *       through the API (who and when);
 *   <li>restart: all of it is read back; {@code /metrics} shows the acknowledged alert;
 *   <li>JVM C, runs 23-31: the same regression, updated (same id, same detection time, more
 *       runs after it), not a second one; the alert resolved when runs are fast again, its
 *       acknowledgement kept; the recovery found as an improvement from run 26.
 * </ul>
 */
class RegressionsAlertsIT {

  private static final String TOKEN = "it-token-14";
  private static final String SLO = "stage:score:p95<30ms/60ms";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aSlowdownIsFoundOnceAndItsAlertIsRaisedAcknowledgedAndResolved() throws Exception {
    Path db = ItPaths.workDir("RegressionsAlertsIT").resolve("history.db");
    Files.deleteIfExists(db);
    Files.deleteIfExists(db.resolveSibling("history.db-wal"));
    Files.deleteIfExists(db.resolveSibling("history.db-shm"));
    long regressionId;
    long detected;
    long alertId;
    int port = freePort();
    try (AnalyzerProcess analyzer = start(db, port, "RegressionsAlertsIT-analyzer-1")) {
      feed(analyzer, "RegressionsAlertsIT-A", "orders-A", "20,20,20,20,20,80,20,20,20,20");
      List<String> ids = runIds(analyzer, 10, WAIT);
      assertThat(ids).hasSize(10);
      assertThat(analyzer.getJson("/api/regressions").path("regressions")).isEmpty();

      feed(analyzer, "RegressionsAlertsIT-B", "orders-B", "20,20,20,20,40,40,40,40,40,40,40,40");
      ids = runIds(analyzer, 22, WAIT);
      JsonNode found = analyzer.awaitJson("/api/regressions?pipeline=orders",
          n -> finding(n, "score", "p50", "regression") != null
              && finding(n, "score", "p50", "regression").path("runs_after").asInt() == 8, WAIT);
      JsonNode r = finding(found, "score", "p50", "regression");
      System.out.println("RegressionsAlertsIT: the regression found: " + r);
      assertThat(r.path("start_run_number").asLong()).isEqualTo(15);
      assertThat(r.path("start_run_id").asText()).isEqualTo(ids.get(14));
      assertThat(r.path("change").asDouble()).isBetween(0.8, 1.2); // 40 / 20.x - 1
      assertThat(r.path("p_value").asDouble()).isLessThanOrEqualTo(0.01);
      assertThat(r.path("runs_before").asInt()).isEqualTo(14);
      assertThat(r.path("unit").asText()).isEqualTo("ns");
      assertThat(r.path("text").asText()).matches("score p50 \\+\\d+ % from run 15 on "
          + "\\(p = [0-9.e-]+; 14 runs before, 8 after\\)");
      for (JsonNode f : found.path("regressions")) {
        assertThat(f.path("start_run_number").asLong()).as("nothing at the noisy run: %s", f)
            .isNotEqualTo(6);
      }
      assertThat(analyzer.getJson("/api/regressions?direction=improvement")
          .path("regressions")).noneMatch(f -> f.path("stage").asText().equals("score")
              && f.path("metric").asText().equals("p50"));
      regressionId = r.path("id").asLong();
      detected = r.path("detected_epoch_ms").asLong();

      JsonNode open = single(alertsOf(analyzer.awaitJson("/api/alerts?state=open",
          n -> alertsOf(n, "stage:score").size() == 1, WAIT), "stage:score"));
      assertThat(open.path("level").asText()).isEqualTo("warning");
      assertThat(open.path("rule").asText()).isEqualTo("p95<30ms/60ms");
      assertThat(open.path("run_id").asText()).isEqualTo(ids.get(21));
      assertThat(open.path("first_seen_epoch_ms").asLong()).as("first seen: run 15's breach")
          .isLessThan(open.path("last_seen_epoch_ms").asLong());
      alertId = open.path("id").asLong();
      // runs are evaluated in order: the noisy run 6 was long before this alert opened
      assertThat(alertsOf(analyzer.getJson("/api/alerts?pipeline=orders"), "stage:score"))
          .as("the noisy run opened no alert").extracting(a -> a.path("id").asLong())
          .containsExactly(alertId);

      // the one write of the API: bad requests are answered, never crash it
      assertThat(post(port, "/api/alerts/" + alertId + "/ack", "{\"by\":\"alice\"}", null)
          .statusCode()).isEqualTo(401);
      assertThat(post(port, "/api/alerts/" + alertId + "/ack", "{\"who\":1}", TOKEN)
          .statusCode()).isEqualTo(400);
      assertThat(post(port, "/api/alerts/" + alertId + "/ack", "x".repeat(5000), TOKEN)
          .statusCode()).isEqualTo(400);
      assertThat(post(port, "/api/alerts/999999/ack", "{\"by\":\"alice\"}", TOKEN)
          .statusCode()).isEqualTo(404);
      assertThat(post(port, "/api/alerts", "{\"by\":\"alice\"}", TOKEN).statusCode())
          .isEqualTo(405);
      assertThat(analyzer.get("/api/alerts/" + alertId + "/ack").statusCode()).isEqualTo(405);
      long before = System.currentTimeMillis();
      HttpResponse<String> ack = post(port, "/api/alerts/" + alertId + "/ack",
          "{\"by\": \"alice\"}", TOKEN);
      assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
      JsonNode acked = JSON.readTree(ack.body());
      System.out.println("RegressionsAlertsIT: the alert, acknowledged: " + acked);
      assertThat(acked.path("state").asText()).isEqualTo("acknowledged");
      assertThat(acked.path("acked_by").asText()).isEqualTo("alice");
      assertThat(acked.path("acked_epoch_ms").asLong())
          .isBetween(before, System.currentTimeMillis());
      // what the answers hold is what the OpenAPI document says, field by field
      JsonNode api = analyzer.getJson("/api/openapi.json");
      assertThat(api.path("paths").has("/api/regressions")).isTrue();
      assertThat(api.path("paths").path("/api/alerts/{id}/ack").has("post")).isTrue();
      JsonNode schemas = api.path("components").path("schemas");
      r.fieldNames().forEachRemaining(f -> assertThat(
          schemas.path("Regression").path("properties").has(f)).as("Regression.%s", f).isTrue());
      acked.fieldNames().forEachRemaining(f -> assertThat(
          schemas.path("Alert").path("properties").has(f)).as("Alert.%s", f).isTrue());

      ChildResult stopped = analyzer.stop();
      assertThat(stopped.exitCode()).as(stopped::describe).isIn(0, 143); // SIGTERM
    }

    try (AnalyzerProcess analyzer = start(db, port, "RegressionsAlertsIT-analyzer-2")) {
      JsonNode kept = finding(analyzer.getJson("/api/regressions"), "score", "p50", "regression");
      assertThat(kept.path("id").asLong()).isEqualTo(regressionId);
      JsonNode ackedAgain = single(alertsOf(analyzer.getJson("/api/alerts?state=active"),
          "stage:score"));
      assertThat(ackedAgain.path("id").asLong()).isEqualTo(alertId);
      assertThat(ackedAgain.path("acked_by").asText()).isEqualTo("alice");
      assertThat(alertsOf(analyzer.getJson("/api/alerts?state=resolved"), "stage:score"))
          .isEmpty();
      String metrics = awaitMetric(analyzer, "perf_analyzer_alert{", "subject=\"stage:score\"",
          "state=\"acknowledged\"");
      System.out.println("RegressionsAlertsIT: /metrics: " + metrics);
      assertThat(metrics).contains("level=\"warning\"").endsWith(" 1.0");
      String change = awaitMetric(analyzer, "perf_analyzer_regression_change{",
          "stage=\"score\"", "metric=\"p50\"");
      assertThat(Double.parseDouble(change.substring(change.lastIndexOf(' ') + 1)))
          .isEqualTo(kept.path("change").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
      awaitMetric(analyzer, "perf_analyzer_pipeline_last_run_wall_seconds{",
          "pipeline=\"orders\"");

      feed(analyzer, "RegressionsAlertsIT-C", "orders-C", "40,40,40,20,20,20,20,20,20");
      List<String> ids = runIds(analyzer, 31, WAIT);
      JsonNode all = analyzer.awaitJson("/api/regressions?pipeline=orders",
          n -> finding(n, "score", "p50", "improvement") != null, WAIT);
      JsonNode again = finding(all, "score", "p50", "regression");
      System.out.println("RegressionsAlertsIT: the regression after the restart: " + again);
      assertThat(again.path("id").asLong()).as("updated, not inserted again")
          .isEqualTo(regressionId);
      assertThat(again.path("detected_epoch_ms").asLong()).isEqualTo(detected);
      assertThat(again.path("start_run_number").asLong()).isEqualTo(15);
      assertThat(again.path("runs_after").asInt()).isEqualTo(11);
      System.out.println("RegressionsAlertsIT: every finding: " + all);
      JsonNode recovered = finding(all, "score", "p50", "improvement");
      assertThat(recovered.path("start_run_number").asLong()).isEqualTo(26);
      assertThat(recovered.path("start_run_id").asText()).isEqualTo(ids.get(25));

      JsonNode resolved = analyzer.awaitJson("/api/alerts/?state=resolved&pipeline=orders",
          n -> alertsOf(n, "stage:score").size() == 1, WAIT);
      JsonNode slowdown = alertsOf(resolved, "stage:score").get(0); // newest first seen first
      System.out.println("RegressionsAlertsIT: the slowdown's alert, resolved: " + slowdown);
      assertThat(slowdown.path("id").asLong()).isEqualTo(alertId);
      assertThat(slowdown.path("acked_by").asText()).isEqualTo("alice");
      assertThat(slowdown.path("run_id").asText()).isEqualTo(ids.get(24)); // the last slow run
      assertThat(alertsOf(analyzer.getJson("/api/alerts?state=active"), "stage:score"))
          .isEmpty();
      assertThat(post(port, "/api/alerts/" + alertId + "/ack", "{\"by\":\"bob\"}", TOKEN)
          .statusCode()).as("resolved: nothing to acknowledge").isEqualTo(409);
      ChildResult stopped = analyzer.stop();
      assertThat(stopped.exitCode()).as(stopped::describe).isIn(0, 143); // SIGTERM
    }
  }

  private static AnalyzerProcess start(Path db, int port, String name) {
    return AnalyzerProcess.start(name, db, TOKEN, "--token", TOKEN, "--port",
        String.valueOf(port), "--quiet-period", "300ms", "--slo", SLO);
  }

  /** The {@code /metrics} line that starts with {@code prefix} and holds {@code parts}. */
  private static String awaitMetric(AnalyzerProcess analyzer, String prefix, String... parts)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body = analyzer.get("/metrics").body();
      for (String line : body.split("\n")) {
        if (line.startsWith(prefix) && List.of(parts).stream().allMatch(line::contains)) {
          return line;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + prefix + " line with " + List.of(parts) + " in:\n" + body);
  }

  private static HttpResponse<String> post(int port, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
