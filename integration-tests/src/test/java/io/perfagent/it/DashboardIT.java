package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.analysis.testing.Chromium;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.apps.HostileNamesApp;
import io.perfagent.it.browser.BrowserPage;
import io.perfagent.it.browser.WallChart;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer's dashboard in the real headless Chromium, over a history made by child JVMs
 * under the real perf.jar ({@link HostileNamesApp}: stage names and a service name that are
 * markup): the pipelines, one pipeline with its wall time across runs (each run a point, where
 * a person would see it) and the newest run's waterfall with its critical path, a new run
 * appearing in the same document without a reload, every hostile string shown as its own
 * characters and none of them run, the Content-Security-Policy on the pages and nothing
 * violating it, /api/docs showing the API's paths, and with {@code --token} the token form.
 * Screenshots of each view at laptop and large-monitor sizes go to
 * {@code target/dashboard-screens/}.
 */
class DashboardIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICE = "svc\"><img src=x onerror=window.__pwned=3>";
  private static final String HOME_READY = "document.querySelector('#app[data-view=home] tr.pipeline-row')";
  private static final String PIPELINE_READY = "document.querySelector('#app[data-view=pipeline] "
      + "#wall-chart canvas') && document.querySelector('#run .wf-svg')";
  /** No payload ran, no element came from one, no CSP violation. */
  private static final String CLEAN = "JSON.stringify({pwned: typeof window.__pwned,"
      + " img: document.querySelectorAll('img[src=x], img').length,"
      + " scripts: Array.from(document.scripts).filter(s => !s.src).length,"
      + " csp: window.__cspViolations, errors: document.getElementById('js-errors').textContent})";

  static Path chromium;

  @BeforeAll
  static void findChromium() {
    chromium = BrowserPage.chromium();
  }

  @Test
  void showsTheHistoryLiveAndAsText(@TempDir Path tmp) throws Exception {
    Path db = ItPaths.workDir("DashboardIT").resolve("history.db");
    Files.deleteIfExists(db);
    Path screens = ItPaths.buildDir().resolve("dashboard-screens");
    try (AnalyzerProcess analyzer = AnalyzerProcess.start("DashboardIT-analyzer", db, null,
        "--quiet-period", "500ms")) {
      // three runs of different length, so their points must land at different heights
      runApp(analyzer, "DashboardIT-three-runs", "300", "700", "500", "300");
      analyzer.awaitJson("/api/pipelines/dash/runs", n -> n.path("total").asInt() == 3,
          Duration.ofSeconds(60));
      String base = "http://127.0.0.1:" + apiPort(analyzer);

      checkHeaders(analyzer);

      try (BrowserPage page = new BrowserPage(chromium, tmp.resolve("profile"))) {
        page.size(1366, 768);
        page.open(base + "/", HOME_READY);
        assertThat(page.eval("document.querySelector('tr.pipeline-row .bneck .stage').textContent"))
            .as("the bottleneck's name as its characters")
            .isIn(HostileNamesApp.SCRIPT_STAGE, HostileNamesApp.ROOT);
        assertClean(page, "home");
        shoot(page, screens, "home");

        page.eval("window.__marker = 'same document';"
            + " document.querySelector('tr.pipeline-row a.pname').click()");
        page.await(PIPELINE_READY, Duration.ofSeconds(30));
        assertThat(page.eval("location.hash")).isEqualTo("#/pipelines/dash");
        WallChart.check(page, 3);
        checkWaterfall(page);
        checkHostileText(page);
        assertClean(page, "pipeline");

        // a run closes while the page is open: it appears without a reload, where the reader was
        page.eval("window.scrollTo(0, 500)");
        runApp(analyzer, "DashboardIT-new-run", "900", "300");
        page.await("document.querySelectorAll('#runs tbody tr').length === 4",
            Duration.ofSeconds(60));
        page.await(PIPELINE_READY, Duration.ofSeconds(10));
        assertThat(page.eval("window.__marker")).as("the same document, not reloaded")
            .isEqualTo("same document");
        assertThat(page.eval("window.scrollY === 500")).as("scroll position kept").isEqualTo(true);
        assertThat(page.eval("Number(document.getElementById('app').dataset.refreshes) >= 1"))
            .isEqualTo(true);
        WallChart.check(page, 4);
        assertClean(page, "pipeline, after the live refresh");
        shoot(page, screens, "pipeline");

        // a click on run #2's point shows that run below, and the URL names it
        page.eval("window.scrollTo(0, 0)");
        JsonNode at = JSON.readTree((String) page.eval(POINT_2));
        page.click(at.path("x").asDouble(), at.path("y").asDouble());
        String second = at.path("id").asText();
        page.await("document.querySelector('#run[data-run-id=\"" + second + "\"] .wf-svg')",
            Duration.ofSeconds(10));
        assertThat(page.eval("location.hash")).isEqualTo("#/pipelines/dash/runs/" + second);
        assertThat(page.eval("document.querySelector('#run .run-head h2').textContent"))
            .isEqualTo("Run #2");
        assertThat(page.eval("document.querySelector('#runs tr.selected').dataset.runId"))
            .isEqualTo(second);
        assertThat(page.eval("window.__marker")).isEqualTo("same document");

        page.open(base + "/api/docs",
            "document.querySelectorAll('#swagger-ui .opblock-summary-path').length > 5");
        @SuppressWarnings("unchecked")
        List<Object> paths = (List<Object>) page.eval("Array.from(document.querySelectorAll("
            + "'#swagger-ui .opblock-summary-path'), e => e.textContent.replace(/\\u200b/g, ''))");
        assertThat(paths).contains("/api/pipelines", "/api/changes", "/api/runs/{id}",
            "/api/export");
        // one operation opened and tried: drawn, answered, and all within the page's policy
        page.eval("Array.from(document.querySelectorAll('#swagger-ui .opblock-summary-control'))"
            + ".find(e => e.textContent.includes('/api/changes')).click()");
        page.await("document.querySelector('#swagger-ui .opblock.is-open .try-out__btn')",
            Duration.ofSeconds(10));
        page.eval("document.querySelector('#swagger-ui .opblock.is-open .try-out__btn').click()");
        page.await("document.querySelector('#swagger-ui .opblock.is-open .execute')",
            Duration.ofSeconds(10));
        page.eval("document.querySelector('#swagger-ui .opblock.is-open .execute').click()");
        page.await("(document.querySelector('#swagger-ui .live-responses-table') || {})"
            + ".textContent?.includes('runs-')", Duration.ofSeconds(10));
        assertThat(page.eval("JSON.stringify(window.__cspViolations)")).as("/api/docs")
            .isEqualTo("[]");
        assertThat(page.eval("typeof window.__pwned")).isEqualTo("undefined");
        shoot(page, screens, "docs");
      }
    }
  }

  @Test
  void withATokenAsksOnceAndKeepsItForTheTab(@TempDir Path tmp) throws Exception {
    Path db = ItPaths.workDir("DashboardIT-token").resolve("history.db");
    Files.deleteIfExists(db);
    try (AnalyzerProcess analyzer = AnalyzerProcess.start("DashboardIT-token-analyzer", db,
        "s3cret-token", "--quiet-period", "500ms", "--token", "s3cret-token")) {
      runApp(analyzer, "DashboardIT-token-run", "200", "100");
      analyzer.awaitJson("/api/pipelines/dash/runs", n -> n.path("total").asInt() == 1,
          Duration.ofSeconds(60));
      assertThat(analyzer.get("/", false).statusCode()).as("the page needs no token")
          .isEqualTo(200);
      assertThat(analyzer.get("/api/pipelines", false).statusCode()).isEqualTo(401);
      String base = "http://127.0.0.1:" + apiPort(analyzer);
      try (BrowserPage page = new BrowserPage(chromium, tmp.resolve("profile"))) {
        page.size(1366, 768);
        page.open(base + "/", "document.querySelector('#token-form input[type=password]')");
        assertThat(page.eval("document.querySelector('#app[data-view]') === null"))
            .as("nothing drawn without the token").isEqualTo(true);
        shoot(page, ItPaths.buildDir().resolve("dashboard-screens"), "token");

        submit(page, "wrong");
        page.await("document.querySelector('#token-form .ask-warning')", Duration.ofSeconds(10));
        assertThat(page.eval("document.querySelectorAll('form.ask').length")).as("one form")
            .isEqualTo(1.0);
        assertThat(page.eval("sessionStorage.getItem('perf-analyzer.token')"))
            .as("a refused token is not kept").isNull();

        submit(page, "s3cret-token");
        page.await(HOME_READY, Duration.ofSeconds(20));
        assertThat(page.eval("document.querySelector('#token-form')")).isNull();

        page.reload(HOME_READY);
        assertThat(page.eval("document.querySelector('#token-form')"))
            .as("kept for the tab across a reload").isNull();
        assertThat(page.eval("sessionStorage.getItem('perf-analyzer.token')"))
            .isEqualTo("s3cret-token");
        assertClean(page, "home with a token");
      }
    }
  }

  // ---------------------------------------------------------------- checks

  private static void checkHeaders(AnalyzerProcess analyzer) {
    for (String path : List.of("/", "/api/docs")) {
      HttpResponse<String> r = analyzer.get(path, false);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/html"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(path).contains("default-src 'none'", "script-src 'self';",
          "style-src 'self';", "connect-src 'self'", "frame-ancestors 'none'",
          "base-uri 'none'").doesNotContain("unsafe");
      assertThat(r.body()).as("%s: no inline script", path).doesNotContainPattern(
          "<script>|<script [^>]*>(?!</script>)[^<]");
    }
    HttpResponse<String> js = analyzer.get("/ui/ui-app.js", false);
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.headers().firstValue("ETag")).isPresent();
    assertThat(analyzer.get("/ui/nothing.js", false).statusCode()).isEqualTo(404);
    assertThat(analyzer.get("/ui/%2e%2e/api/pipelines", false).statusCode()).isEqualTo(404);
    assertThat(analyzer.get("/ui/..%2fui-app.js", false).statusCode()).isEqualTo(404);
    assertThat(analyzer.getJson("/api/changes").path("stamp").asText()).isNotEmpty();
  }

  /** The run's waterfall: a bar per span, the critical path lane and bars marked on it. */
  private static void checkWaterfall(BrowserPage page) throws Exception {
    JsonNode w = JSON.readTree((String) page.eval("""
        JSON.stringify((() => {
          const svg = document.querySelector('#run .wf-svg');
          const box = svg.getBoundingClientRect();
          const bars = Array.from(svg.querySelectorAll('rect.wf-bar'));
          return { width: box.width, bars: bars.length,
            critical: svg.querySelectorAll('rect.wf-bar.wf-critical').length,
            lane: Array.from(svg.querySelectorAll('rect.wf-critical-seg'),
              r => ({ stage: r.dataset.stage, w: r.getBBox().width })),
            widest: Math.max(...bars.map(b => b.getBBox().width)) };
        })())"""));
    assertThat(w.path("bars").asInt()).as("%s", w).isGreaterThanOrEqualTo(3);
    assertThat(w.path("critical").asInt()).as("%s", w).isGreaterThanOrEqualTo(1);
    assertThat(w.path("lane").size()).as("critical path lane: %s", w).isGreaterThanOrEqualTo(1);
    List<String> onPath = new ArrayList<>();
    w.path("lane").forEach(s -> onPath.add(s.path("stage").asText()));
    assertThat(onPath).as("the CPU stage is on the critical path")
        .contains(HostileNamesApp.SCRIPT_STAGE);
    assertThat(w.path("widest").asDouble()).as("the root span spans the chart: %s", w)
        .isGreaterThan(w.path("width").asDouble() * 0.5);
  }

  /** Every hostile name appears as its own characters in the page's text. */
  private static void checkHostileText(BrowserPage page) throws Exception {
    for (String s : List.of(HostileNamesApp.ROOT, HostileNamesApp.SCRIPT_STAGE)) {
      assertThat(page.eval("Array.from(document.querySelectorAll('#run .stage-name'))"
          + ".some(e => e.textContent === " + Chromium.Session.quote(s) + ")"))
          .as("stage %s in the stage table as text", s).isEqualTo(true);
    }
    assertThat(page.eval("document.querySelector('#runs tbody tr td:last-child').textContent"))
        .as("the service name (a resource attribute) as text").isEqualTo(SERVICE);
    assertThat(page.eval("document.querySelector('#run .run-head').textContent.includes("
        + Chromium.Session.quote(SERVICE) + ")")).isEqualTo(true);
  }

  private static void assertClean(BrowserPage page, String view) throws Exception {
    JsonNode c = JSON.readTree((String) page.eval(CLEAN));
    assertThat(c.path("pwned").asText()).as("%s: no payload ran", view).isEqualTo("undefined");
    assertThat(c.path("img").asInt()).as("%s: no element from a payload", view).isZero();
    assertThat(c.path("scripts").asInt()).as("%s: no inline script", view).isZero();
    assertThat(c.path("csp").size()).as("%s: CSP violations %s", view, c.path("csp")).isZero();
    assertThat(c.path("errors").asText()).as("%s: page errors", view).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  /** Where run #2's point is on the page, and that run's id. */
  private static final String POINT_2 = """
      JSON.stringify((() => {
        const box = document.getElementById('wall-chart');
        const u = PerfCharts.charts.find(c => box.contains(c.el)).plot;
        const i = u.data[0].indexOf(2);
        const r = u.over.getBoundingClientRect();
        const id = document.querySelector('#runs tbody tr:nth-child(3)').dataset.runId;
        return { x: r.left + u.valToPos(2, 'x'), y: r.top + u.valToPos(u.data[1][i], 'y'), id };
      })())""";

  private static void runApp(AnalyzerProcess analyzer, String name, String... args) {
    ChildResult r = ChildJvm.builder(Jdks.current(), name)
        .agent(ItPaths.agentJar()).env(analyzer.exporterEnv(SERVICE))
        .classpath(ItClasspath.apps()).mainClass(HostileNamesApp.class)
        .args(args).run();
    assertThat(r.exitCode()).as(r::describe).isZero();
  }

  private static void submit(BrowserPage page, String value) throws Exception {
    page.eval("(() => { const f = document.getElementById('token-form');"
        + " f.querySelector('input').value = " + Chromium.Session.quote(value) + ";"
        + " f.querySelector('button[type=submit]').click(); })()");
  }

  /** The view at a laptop's and a large monitor's size. */
  private static void shoot(BrowserPage page, Path dir, String view) throws Exception {
    int[][] sizes = {{1366, 768}, {2560, 1440}};
    for (int[] s : sizes) {
      page.size(s[0], s[1]);
      // uPlot charts follow the window after 100 ms, the rest of the view is drawn again after 250
      page.eval("new Promise(r => setTimeout(r, 800))");
      page.screenshot(dir.resolve(view + "-" + s[0] + "x" + s[1] + ".png"));
    }
    page.size(1366, 768);
    page.eval("new Promise(r => setTimeout(r, 800))");
  }

  private static int apiPort(AnalyzerProcess analyzer) {
    return analyzer.apiPort();
  }
}
