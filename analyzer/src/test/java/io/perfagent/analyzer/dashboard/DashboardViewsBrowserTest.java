package io.perfagent.analyzer.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perfagent.analysis.testing.Chromium;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's rendering of regressions and alerts, in the real headless Chromium, fed
 * canned answers shaped as the API contract has them (the analyzer that computes them is
 * tested end to end in the integration tests): a regression is listed with its text and
 * marked on the wall-time chart at the run it starts at, an alert is listed with an
 * Acknowledge button that asks the name once, POSTs it, and shows the alert's new state, and
 * the home page counts the open alerts. The page's files come from the real
 * {@link DashboardFiles}, under their real Content-Security-Policy.
 */
class DashboardViewsBrowserTest {

  private static final String CANNED_RUNS;
  private static final String CANNED_ROWS;

  static {
    StringBuilder runs = new StringBuilder("{\"pipeline\":\"p\",\"total\":6,\"limit\":100,"
        + "\"offset\":0,\"runs\":[");
    StringBuilder rows = new StringBuilder("{\"rows\":[");
    long[] walls = {100, 104, 98, 160, 158, 163};
    for (int n = 6; n >= 1; n--) {
      long wall = walls[n - 1] * 1_000_000L;
      runs.append(n < 6 ? "," : "").append("{\"id\":\"r").append(n).append("\",\"version\":1,")
          .append("\"pipeline\":\"p\",\"start\":\"2026-01-01T00:0").append(n).append(":00Z\",")
          .append("\"start_epoch_ns\":").append(n * 60_000_000_000L).append(",\"wall_ns\":")
          .append(wall).append(",\"spans\":3,\"services\":[\"svc\"],\"instances\":[],")
          .append("\"bottleneck\":{\"stage\":\"score\",\"kind\":\"cpu\"}}");
      rows.append(n < 6 ? "," : "")
          .append("{\"run_id\":\"r").append(n).append("\",\"stage\":\"score\",")
          .append("\"critical_path_share\":").append(n >= 4 ? 0.7 : 0.5).append("},")
          .append("{\"run_id\":\"r").append(n).append("\",\"stage\":\"read\",")
          .append("\"critical_path_share\":").append(n >= 4 ? 0.3 : 0.5).append("}");
    }
    CANNED_RUNS = runs.append("]}").toString();
    CANNED_ROWS = rows.append("]}").toString();
  }

  private static final String REGRESSIONS = """
      {"regressions": [{"id": 12, "pipeline": "p", "stage": "score", "metric": "p50",
        "direction": "regression", "change": 0.58, "before": 1.0e8, "after": 1.6e8, "unit": "ns",
        "p_value": 0.003, "runs_before": 3, "runs_after": 3, "start_run_id": "r4",
        "start_run_number": 4, "start_run_start_epoch_ns": 240000000000,
        "detected_epoch_ms": 1765000000000, "updated_epoch_ms": 1765000000000,
        "text": "score p50 +58 % from run 4 on (p = 0.003; 3 runs before, 3 after) <b>x</b>"}
        FEWER]}""".replace("FEWER", smallerAtRun4(6));

  /** {@code n} findings at run 4 smaller than the first: its group shows 5, folds the rest. */
  private static String smallerAtRun4(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append(", {\"id\": ").append(12 - i).append(", \"pipeline\": \"p\", \"stage\": \"s")
          .append(i).append("\", \"metric\": \"p95\", \"direction\": \"regression\",")
          .append(" \"change\": 0.").append(40 - i).append(", \"before\": 1.0e7,")
          .append(" \"after\": 1.3e7, \"unit\": \"ns\", \"p_value\": 0.004,")
          .append(" \"runs_before\": 3, \"runs_after\": 3, \"start_run_id\": \"r4\",")
          .append(" \"start_run_number\": 4, \"text\": \"s").append(i).append(" p95 +")
          .append(40 - i).append(" % from run 4 on\"}");
    }
    return b.toString();
  }

  private static final String ALERT = """
      {"id": 17, "pipeline": "p", "subject": "stage:score", "rule": "p95<25ms/35ms",
       "metric": "p95", "level": "warning", "state": "STATE", "value": 3.1e7, "threshold": 2.5e7,
       "unit": "ns", "first_seen_epoch_ms": 1765000000000, "last_seen_epoch_ms": 1765000060000,
       "resolved_epoch_ms": null, "acked_by": BY, "acked_epoch_ms": AT, "run_id": "r6",
       "text": "stage:score p95 31.0 ms over 25 ms (warning)"}""";

  private static final String RUN = """
      {"id": "r6", "version": 1, "pipeline": "p", "trace_id": "r6", "root_stage": "run",
       "start": "2026-01-01T00:06:00Z", "start_epoch_ns": 360000000000, "wall_ns": 163000000,
       "spans": 3, "services": ["svc"], "instances": [], "critical_path": [],
       "report": {"schema": "perf-report/1", "pipelines": [{"name": "p", "runs": 1,
         "wall_ns": 163000000,
         "stages": [{"name": "run", "calls": 1, "wall_ns": 163000000},
                    {"name": "score", "calls": 1, "wall_ns": 120000000},
                    {"name": "read", "calls": 1, "wall_ns": 40000000}],
         "bottlenecks": [{"stage": "score", "kind": "cpu", "critical_path_share": 0.7}],
         "what_if": [{"stage": "score", "speedup": 2, "predicted_wall_ns": 103000000,
                      "predicted_gain_ns": 60000000}],
         "critical_path": [{"stage": "read", "span_id": "b", "start_ns": 0, "duration_ns": 40000000},
                           {"stage": "score", "span_id": "c", "start_ns": 40000000, "duration_ns": 120000000}],
         "slowest_run": {"wall_ns": 163000000, "spans": [
           {"span_id": "a", "stage": "run", "start_ns": 0, "duration_ns": 163000000, "critical": true},
           {"span_id": "b", "parent_id": "a", "stage": "read", "start_ns": 0, "duration_ns": 40000000, "critical": true},
           {"span_id": "c", "parent_id": "a", "stage": "score", "start_ns": 40000000, "duration_ns": 120000000, "critical": true}]},
         "recommendations": [{"stage": "score", "text": "score is on CPU for most of the run"}]}]}}""";

  static Path chromium;

  private HttpServer server;
  private volatile String alertState = "open";
  private final List<String> acks = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void findChromium() {
    Optional<Path> found = Chromium.find();
    assumeThat(found).as("Chromium for the dashboard's browser tests").isPresent();
    chromium = found.get();
  }

  @BeforeEach
  void serve() throws IOException {
    DashboardFiles files = new DashboardFiles();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        if (!files.handle(ex)) {
          api(ex);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void api(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body;
    int code = 200;
    if (path.equals("/api/pipelines")) {
      body = "{\"pipelines\":[{\"name\":\"p\",\"runs\":6,\"last_run\":{\"id\":\"r6\","
          + "\"start\":\"2026-01-01T00:06:00Z\",\"wall_ns\":163000000,"
          + "\"bottleneck\":{\"stage\":\"score\",\"kind\":\"cpu\"}}}]}";
    } else if (path.equals("/api/pipelines/p/runs")) {
      body = CANNED_RUNS;
    } else if (path.equals("/api/export")) {
      body = CANNED_ROWS;
    } else if (path.equals("/api/regressions")) {
      body = REGRESSIONS;
    } else if (path.equals("/api/alerts")) {
      body = "{\"alerts\":[" + alert() + "]}";
    } else if (path.equals("/api/alerts/17/ack") && ex.getRequestMethod().equals("POST")) {
      acks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      alertState = "acknowledged";
      body = alert();
    } else if (path.equals("/api/runs/r6")) {
      body = RUN;
    } else if (path.equals("/api/changes")) {
      body = "{\"stamp\":\"s1\"}";
    } else {
      code = 404;
      body = "{\"error\":\"no such path\"}";
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(code, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private String alert() {
    boolean acked = alertState.equals("acknowledged");
    return ALERT.replace("STATE", alertState).replace("BY", acked ? "\"alice\"" : "null")
        .replace("AT", acked ? "1765000090000" : "null");
  }

  @Test
  void regressionsAreMarkedAndAlertsAcknowledged(@TempDir Path tmp) throws Exception {
    try (Chromium.Session page = new Chromium.Session(chromium, tmp.resolve("profile"), true)) {
      page.call("Page.enable", null);
      page.call("Page.addScriptToEvaluateOnNewDocument", "{\"source\":\"window.__csp = [];"
          + " document.addEventListener('securitypolicyviolation',"
          + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))\"}");
      page.call("Emulation.setDeviceMetricsOverride",
          "{\"width\":1366,\"height\":768,\"deviceScaleFactor\":1,\"mobile\":false}");
      String base = "http://127.0.0.1:" + server.getAddress().getPort();

      page.call("Page.navigate", "{\"url\":\"" + base + "/\"}");
      await(page, "document.querySelector('#app[data-view=home] tr.pipeline-row')");
      assertThat(page.eval("document.querySelector('tr.pipeline-row .alerts-cell').textContent"))
          .isEqualTo("1 warning");

      page.eval("location.hash = '#/pipelines/p'");
      await(page, "document.querySelector('#app[data-view=pipeline] #wall-chart canvas')"
          + " && document.querySelector('#run .wf-svg')");
      assertThat(page.eval("document.querySelector('#regressions .rg-text').textContent"))
          .as("the regression's text, markup and all, as text")
          .isEqualTo("score p50 +58 % from run 4 on (p = 0.003; 3 runs before, 3 after) <b>x</b>");
      assertThat(page.eval("document.querySelector('#regressions b')")).isNull();
      // one group for run 4: its 5 largest shown, the other 2 behind a button
      String visible = "Array.from(document.querySelectorAll('#regressions li.regression'))"
          + ".filter(li => li.getClientRects().length > 0).length";
      assertThat(page.eval("document.querySelector('#regressions .rg-head').textContent"))
          .isEqualTo("from run #4 on: 7 regressions");
      assertThat(((Number) page.eval(visible)).intValue()).isEqualTo(5);
      page.eval("document.querySelector('#regressions button.rg-more').click()");
      assertThat(((Number) page.eval(visible)).intValue()).isEqualTo(7);
      // the mark: a red dashed line at run 4's x, and none elsewhere
      @SuppressWarnings("unchecked")
      Map<String, Object> mark = (Map<String, Object>) page.eval("""
          (() => {
            const box = document.getElementById('wall-chart');
            const u = PerfCharts.charts.find(c => box.contains(c.el)).plot;
            const b = u.bbox;
            const red = x => {
              const d = u.ctx.getImageData(Math.round(x) - 2, b.top, 5, b.height).data;
              let n = 0;
              for (let k = 0; k < d.length; k += 4) {
                if (Math.abs(d[k] - 0xc9) + Math.abs(d[k + 1] - 0x2a) + Math.abs(d[k + 2] - 0x2a) < 50) { n++; }
              }
              return n;
            };
            return { at4: red(u.valToPos(4, 'x', true)), at2: red(u.valToPos(2, 'x', true)),
              height: b.height };
          })()""");
      assertThat(((Number) mark.get("at4")).doubleValue()).as("%s", mark)
          .isGreaterThan(((Number) mark.get("height")).doubleValue() * 0.3);
      assertThat(((Number) mark.get("at2")).intValue()).as("%s", mark).isZero();

      assertThat(page.eval("document.querySelector('#alerts li.alert').dataset.state"))
          .isEqualTo("open");
      page.eval("document.querySelector('#alerts button.ack').click()");
      await(page, "document.querySelector('#name-form input')");
      page.eval("(() => { const f = document.getElementById('name-form');"
          + " f.querySelector('input').value = 'alice';"
          + " f.querySelector('button[type=submit]').click(); })()");
      await(page, "document.querySelector('#alerts li.alert[data-state=acknowledged]')");
      assertThat(acks).containsExactly("{\"by\":\"alice\"}");
      assertThat(page.eval("document.querySelector('#alerts li.alert').textContent"
          + ".includes('acknowledged by alice')")).isEqualTo(true);
      assertThat(page.eval("document.querySelector('#alerts button.ack')")).isNull();
      assertThat(page.eval("sessionStorage.getItem('perf-analyzer.name')")).isEqualTo("alice");
      // the page reads again after the acknowledgement: no open alert counted any more
      await(page, "Array.from(document.querySelectorAll('.phead .stat')).some(s =>"
          + " s.textContent === '0open alerts')");
      screenshot(page, Path.of("target/dashboard-screens/canned-regression-alert-1366.png"));
      // home again: the acknowledged alert is not counted as open there either
      page.eval("location.hash = '#/'");
      await(page, "document.querySelector('#app[data-view=home] tr.pipeline-row')"
          + " && document.querySelector('tr.pipeline-row .alerts-cell').textContent"
          + " === '1 acknowledged'");
      assertThat(page.eval("JSON.stringify(window.__csp)")).isEqualTo("[]");
      assertThat(page.eval("document.getElementById('js-errors').textContent")).isEqualTo("");
    }
  }

  /** The whole page, for a person to look at. */
  @SuppressWarnings("unchecked")
  private static void screenshot(Chromium.Session page, Path file) throws Exception {
    Map<String, Object> size = (Map<String, Object>) page.call("Page.getLayoutMetrics", null)
        .get("cssContentSize");
    Map<String, Object> shot = page.call("Page.captureScreenshot", String.format(
        java.util.Locale.ROOT, "{\"format\":\"png\",\"captureBeyondViewport\":true,"
            + "\"clip\":{\"x\":0,\"y\":0,\"width\":%f,\"height\":%f,\"scale\":1}}",
        (Double) size.get("width"), (Double) size.get("height")));
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.write(file,
        java.util.Base64.getDecoder().decode((String) shot.get("data")));
  }

  private static void await(Chromium.Session page, String condition) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Boolean.TRUE.equals(page.eval("!!(" + condition + ")"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never true: " + condition + "; page errors: "
        + page.eval("document.getElementById('js-errors').textContent"));
  }
}
