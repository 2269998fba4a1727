package io.perfagent.it;

import static io.perfagent.it.analyzer.RunHistory.alertsOf;
import static io.perfagent.it.analyzer.RunHistory.feed;
import static io.perfagent.it.analyzer.RunHistory.finding;
import static io.perfagent.it.analyzer.RunHistory.runIds;
import static io.perfagent.it.analyzer.RunHistory.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.analysis.testing.Chromium;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.browser.BrowserPage;
import io.perfagent.it.browser.WallChart;
import io.perfagent.it.harness.ItPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in the real headless Chromium over a regression and an alert that the real
 * analyzer jar ({@code --slo "stage:score:p95<30ms/60ms" --regression-min-runs 4 --token})
 * found in a history built by child JVMs under the real perf.jar ({@code RunHistoryApp},
 * pipeline {@code orders}, stage {@code score}):
 *
 * <ul>
 *   <li>JVM A, runs 1-16: score sleeps 20 ms, once 80 ms (run 4, one noisy run: no alert, no
 *       finding), 40 ms from run 9 on (a regression at run 9, a warning alert left open);
 *   <li>the home page (after the token form): the pipeline's row shows the one open alert;
 *   <li>the pipeline: one point per run, the regression's dashed line on the canvas at run 9's
 *       x and nowhere else (not at the noisy run), the findings' texts as the API has them;
 *       the open alert acknowledged with its button and the name form, shown acknowledged by
 *       alice, and stored so ({@code GET /api/alerts});
 *   <li>JVM B, runs 17-21: fast again; the open page, not reloaded, shows the alert resolved,
 *       the five new points and the recovery's green mark at run 17.
 * </ul>
 *
 * Screenshots of the pipeline view at laptop and large-monitor sizes go to
 * {@code target/dashboard-screens/history-*.png}.
 */
class DashboardHistoryIT {

  private static final String TOKEN = "it-token-dashboard-history";
  private static final String SLO = "stage:score:p95<30ms/60ms";
  private static final String SUBJECT = "stage:score";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Run 4 is the noisy one, run 9 the first slow one, run 17 the first fast one again. */
  private static final int NOISY = 4;
  private static final int SLOW_FROM = 9;
  private static final int FAST_AGAIN_FROM = 17;
  private static final String PIPELINE_READY = "document.querySelector('#app[data-view=pipeline]"
      + " #wall-chart canvas') && document.querySelector('#run .wf-svg')";
  private static final String TEXTS = "JSON.stringify(Array.from(document.querySelectorAll("
      + "'#regressions li.regression'), li => li.dataset.startRun + ' ' + "
      + "li.querySelector('.rg-text').textContent))";

  static Path chromium;

  @BeforeAll
  static void findChromium() {
    chromium = BrowserPage.chromium();
  }

  @Test
  void showsTheRegressionWhereItStartsAndTheAlertAcknowledgedAndResolved(@TempDir Path tmp)
      throws Exception {
    Path db = ItPaths.workDir("DashboardHistoryIT").resolve("history.db");
    for (String f : List.of("history.db", "history.db-wal", "history.db-shm")) {
      Files.deleteIfExists(db.resolveSibling(f));
    }
    Path screens = ItPaths.buildDir().resolve("dashboard-screens");
    try (AnalyzerProcess analyzer = AnalyzerProcess.start("DashboardHistoryIT-analyzer", db,
        TOKEN, "--token", TOKEN, "--quiet-period", "300ms", "--slo", SLO,
        "--regression-min-runs", "4")) {
      feed(analyzer, "DashboardHistoryIT-A", "orders-A",
          "20,20,20,80,20,20,20,20,40,40,40,40,40,40,40,40");
      List<String> ids = runIds(analyzer, 16, WAIT);
      JsonNode found = analyzer.awaitJson("/api/regressions?pipeline=orders",
          n -> finding(n, "score", "p50", "regression") != null
              && finding(n, "score", "p50", "regression").path("runs_after").asInt() == 8, WAIT);
      JsonNode regression = finding(found, "score", "p50", "regression");
      System.out.println("DashboardHistoryIT: the regression found: " + regression);
      assertThat(regression.path("start_run_id").asText()).isEqualTo(ids.get(SLOW_FROM - 1));
      assertThat(regression.path("start_run_number").asLong()).isEqualTo(SLOW_FROM);
      assertThat(regression.path("text").asText()).matches("score p50 \\+\\d+ % from run 9 on "
          + "\\(p = [0-9.e-]+; 8 runs before, 8 after\\)");
      JsonNode open = single(alertsOf(analyzer.awaitJson(
          "/api/alerts?state=open&pipeline=orders", n -> alertsOf(n, SUBJECT).size() == 1, WAIT),
          SUBJECT));
      assertThat(open.path("level").asText()).isEqualTo("warning");
      long alertId = open.path("id").asLong();
      assertThat(alertsOf(analyzer.getJson("/api/alerts?pipeline=orders"), SUBJECT))
          .as("the noisy run opened no alert").hasSize(1);
      String base = "http://127.0.0.1:" + analyzer.apiPort();

      try (BrowserPage page = new BrowserPage(chromium, tmp.resolve("profile"))) {
        page.size(1366, 768);
        // 1. home, after the token form: the pipeline's row with its one open alert
        page.open(base + "/", "document.querySelector('#token-form input')");
        page.eval("(() => { const f = document.getElementById('token-form');"
            + " f.querySelector('input').value = " + Chromium.Session.quote(TOKEN) + ";"
            + " f.querySelector('button[type=submit]').click(); })()");
        page.await("document.querySelector('#app[data-view=home] tr.pipeline-row')", WAIT);
        JsonNode active = analyzer.getJson("/api/alerts?state=active&pipeline=orders");
        System.out.println("DashboardHistoryIT: active alerts: " + active);
        assertThat(page.eval("document.querySelector('tr.pipeline-row[data-pipeline=orders]"
            + " .alerts-cell').textContent")).isEqualTo(active.path("alerts").size() + " warning");
        assertThat((String) page.eval("document.querySelector('tr.pipeline-row .alerts-cell')"
            + ".title")).contains(open.path("text").asText());

        // 2. the pipeline: a point per run, the regression marked at its first run only
        page.eval("document.querySelector('tr.pipeline-row a.pname').click()");
        page.await(PIPELINE_READY, WAIT);
        assertThat(page.eval("location.hash")).isEqualTo("#/pipelines/orders");
        WallChart.check(page, 16);
        JsonNode all = awaitSameFindings(page, analyzer);
        System.out.println("DashboardHistoryIT: every finding: " + all);
        checkMarks(page, all, ids);
        assertThat(page.eval("Array.from(document.querySelectorAll('#regressions"
            + " li.regression[data-start-run=\"" + ids.get(SLOW_FROM - 1) + "\"] .rg-text'),"
            + " e => e.textContent)")).asList()
            .contains(finding(all, "score", "p50", "regression").path("text").asText());

        // 3. the open alert, acknowledged with its button and the name form
        String item = "#alerts li.alert[data-alert-id=\"" + alertId + "\"]";
        assertThat(page.eval("document.querySelector('" + item + "').dataset.state"))
            .isEqualTo("open");
        clickOn(page, item + " button.ack");
        page.await("document.querySelector('#name-form input')", Duration.ofSeconds(10));
        page.eval("(() => { const f = document.getElementById('name-form');"
            + " f.querySelector('input').value = 'alice';"
            + " f.querySelector('button[type=submit]').click(); })()");
        page.await("document.querySelector('" + item + "[data-state=acknowledged]')", WAIT);
        assertThat((String) page.eval("document.querySelector('" + item + "').textContent"))
            .contains("acknowledged by alice");
        assertThat(page.eval("document.querySelector('" + item + " button.ack')")).isNull();
        JsonNode acked = single(alertsOf(analyzer.getJson("/api/alerts?pipeline=orders"
            + "&state=acknowledged"), SUBJECT));
        System.out.println("DashboardHistoryIT: the alert, acknowledged in the page: " + acked);
        assertThat(acked.path("id").asLong()).isEqualTo(alertId);
        assertThat(acked.path("acked_by").asText()).isEqualTo("alice");
        assertThat(acked.path("acked_epoch_ms").asLong()).isPositive();
        page.await("Array.from(document.querySelectorAll('.phead .stat'))"
            + ".some(s => s.textContent === '0open alerts')", Duration.ofSeconds(10));

        // 4. fast runs again, while the page is open: it follows without a reload
        page.eval("window.__marker = 'same document'");
        double refreshes = refreshes(page);
        feed(analyzer, "DashboardHistoryIT-B", "orders-B", "20,20,20,20,20");
        ids = runIds(analyzer, 21, WAIT);
        JsonNode after = analyzer.awaitJson("/api/regressions?pipeline=orders",
            n -> finding(n, "score", "p50", "improvement") != null
                && finding(n, "score", "p50", "improvement").path("runs_after").asInt() == 5,
            WAIT);
        assertThat(finding(after, "score", "p50", "improvement").path("start_run_id").asText())
            .isEqualTo(ids.get(FAST_AGAIN_FROM - 1));
        page.await("document.querySelector('" + item + "[data-state=resolved]')", WAIT);
        JsonNode latest = awaitSameFindings(page, analyzer);
        System.out.println("DashboardHistoryIT: every finding after the fast runs: " + latest);
        page.await(PIPELINE_READY, Duration.ofSeconds(10));
        assertThat(page.eval("window.__marker")).as("the same document, not reloaded")
            .isEqualTo("same document");
        assertThat(refreshes(page)).as("refreshed live").isGreaterThan(refreshes);
        assertThat((String) page.eval("document.querySelector('" + item + "').textContent"))
            .contains("acknowledged by alice", "resolved ");
        WallChart.check(page, 21);
        checkMarks(page, latest, ids);

        // 5. the view, scrolled to the top, at a laptop's and a large monitor's size
        for (int[] s : new int[][] {{1366, 768}, {2560, 1440}}) {
          page.size(s[0], s[1]);
          // uPlot follows the window after 100 ms, the view is drawn again after 250
          page.eval("new Promise(r => setTimeout(r, 800))");
          page.eval("window.scrollTo(0, 0)");
          WallChart.check(page, 21);
          checkMarks(page, latest, ids);
          page.screenshot(screens.resolve("history-" + s[0] + "x" + s[1] + ".png"));
        }
        assertThat(page.eval("JSON.stringify(window.__cspViolations)")).isEqualTo("[]");
        assertThat(page.eval("document.getElementById('js-errors').textContent")).isEqualTo("");
      }
    }
  }

  /**
   * Waits until the page lists the findings the API has now (hidden ones behind "show N more"
   * included), each with its first run and its text as the API gives them; the API's answer.
   */
  private static JsonNode awaitSameFindings(BrowserPage page, AnalyzerProcess analyzer)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String api = "";
    Object shown = null;
    while (System.nanoTime() < deadline) {
      JsonNode all = analyzer.getJson("/api/regressions?pipeline=orders");
      List<String> expected = new ArrayList<>();
      for (JsonNode f : all.path("regressions")) {
        expected.add(f.path("start_run_id").asText() + " " + f.path("text").asText());
      }
      // the page groups findings by the run they start at, so compare them in one order
      expected.sort(null);
      api = JSON.writeValueAsString(expected);
      Object text = page.eval(TEXTS);
      List<String> listed = text == null ? List.of()
          : new ArrayList<>(List.of(JSON.readValue(text.toString(), String[].class)));
      listed.sort(null);
      shown = JSON.writeValueAsString(listed);
      if (api.equals(shown)) {
        return all;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the page lists " + shown + ", the API " + api);
  }

  /**
   * The marks on the wall-time chart's canvas: one per run at which a finding starts, at that
   * run's point's x, red for a regression and green for an improvement, and none elsewhere
   * (none at the noisy run among them).
   */
  private static void checkMarks(BrowserPage page, JsonNode findings, List<String> ids)
      throws Exception {
    JsonNode chart = WallChart.probe(page);
    List<Double> xs = new ArrayList<>();
    chart.path("points").forEach(p -> xs.add(p.path("x").asDouble()));
    double spacing = xs.get(1) - xs.get(0);
    assertThat(spacing).as("runs far enough apart to tell their marks apart").isGreaterThan(8);
    List<String> expected = new ArrayList<>();
    for (JsonNode f : findings.path("regressions")) {
      int number = ids.indexOf(f.path("start_run_id").asText()) + 1;
      assertThat(number).as("a finding's run is on the chart: %s", f).isPositive();
      String mark = f.path("direction").asText() + " at run " + number;
      if (!expected.contains(mark)) {
        expected.add(mark);
      }
    }
    assertThat(expected).as("the score's slowdown is among the findings")
        .contains("regression at run " + SLOW_FROM)
        .doesNotContain("regression at run " + NOISY, "improvement at run " + NOISY,
            "improvement at run " + (NOISY + 1));
    JsonNode marks = WallChart.marks(page);
    List<String> drawn = new ArrayList<>();
    for (JsonNode m : marks) {
      double x = m.path("x").asDouble();
      int nearest = 0;
      for (int i = 1; i < xs.size(); i++) {
        if (Math.abs(xs.get(i) - x) < Math.abs(xs.get(nearest) - x)) {
          nearest = i;
        }
      }
      assertThat(x).as("mark %s on run %d's point (x %s): %s", m, nearest + 1, xs.get(nearest),
          marks).isCloseTo(xs.get(nearest), within(2.0));
      drawn.add(m.path("kind").asText() + " at run " + chart.path("points").get(nearest)
          .path("run").asInt());
    }
    System.out.println("DashboardHistoryIT: marks drawn: " + marks + " for " + expected);
    assertThat(drawn).as("marks drawn %s", marks).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Clicks the middle of the element, scrolled into view, with the mouse. */
  private static void clickOn(BrowserPage page, String selector) throws Exception {
    JsonNode at = JSON.readTree((String) page.eval("JSON.stringify((() => {"
        + " const e = document.querySelector('" + selector + "');"
        + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })())"));
    page.click(at.path("x").asDouble(), at.path("y").asDouble());
  }

  private static double refreshes(BrowserPage page) throws Exception {
    return ((Number) page.eval("Number(document.getElementById('app').dataset.refreshes || 0)"))
        .doubleValue();
  }
}
