package io.perfagent.analyzer.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.report.ReportJson;
import io.perfagent.analyzer.analyse.RunAnalysis;
import io.perfagent.analyzer.dashboard.Changes;
import io.perfagent.analyzer.dashboard.DashboardFiles;
import io.perfagent.analyzer.http.BearerToken;
import io.perfagent.analyzer.http.HttpServers;
import io.perfagent.analyzer.store.Finding;
import io.perfagent.analyzer.store.HistoryStore;
import io.perfagent.analyzer.store.Regression;
import io.perfagent.analyzer.store.SpansAndSamples;
import io.perfagent.analyzer.store.StoreException;
import io.perfagent.analyzer.store.StoredAlert;
import io.perfagent.analyzer.store.StoredRun;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The REST API and {@code /metrics} over the {@link HistoryStore}, read-only but for the
 * acknowledgement of an alert:
 *
 * <pre>
 * GET /api/health                          liveness and the database's state (no token needed)
 * GET /api/pipelines                       pipelines with their newest run
 * GET /api/pipelines/{name}/report?runs=N  perf-report/1 over the pipeline's newest N runs (20)
 * GET /api/pipelines/{name}/runs?from=&amp;to=&amp;limit=&amp;offset=
 * GET /api/runs/{id}                       one run: summary, critical path, its report
 * GET /api/recommendations                 each pipeline's newest run's recommendations
 * GET /api/export?pipeline=&amp;format=json|csv&amp;runs=N   stage statistics per run
 * GET /api/regressions?pipeline=&amp;direction=regression|improvement   findings, newest first
 * GET /api/alerts?state=open|acknowledged|resolved|active&amp;pipeline=   newest first seen first
 * POST /api/alerts/{id}/ack               body {"by": "alice"}: who acknowledged, and when
 * GET /api/openapi.json                    this API as OpenAPI 3 (served by DashboardFiles, no token)
 * GET /api/changes                         a stamp that changes with the history (the dashboard)
 * GET /, /ui/*, /api/docs                  the dashboard and the API docs (no token: no data)
 * GET /metrics                             the analyzer's own metrics, Prometheus text
 * </pre>
 *
 * Answers are JSON ({@code {"error": "..."}} for 400, 401, 404, 405, 409, 503). A database that
 * does not answer gives 503, never a crash.
 */
public final class ApiServer {

  /** Runs a pipeline's report covers unless {@code runs=} says otherwise. */
  public static final int DEFAULT_REPORT_RUNS = 20;
  static final String JSON = "application/json; charset=utf-8";
  private static final Pattern ACK_PATH = Pattern.compile("/api/alerts/[^/]+/ack/?");
  private static final List<String> ALERT_STATES = List.of(StoredAlert.OPEN,
      StoredAlert.ACKNOWLEDGED, StoredAlert.RESOLVED, StoredAlert.ACTIVE);

  private final HttpServer server;
  private final HistoryStore store;
  private final AnalyzerMetrics metrics;
  private final BearerToken token;
  private final String version;
  private final LongSupplier openTraces;
  private final LongSupplier queueDepth;
  private final long startMillis = System.currentTimeMillis();
  /** The dashboard's static files: {@code /}, {@code /ui/*}, {@code /api/docs}, no token. */
  private final DashboardFiles dashboard = new DashboardFiles();

  public ApiServer(String bind, int port, HistoryStore store, AnalyzerMetrics metrics,
      BearerToken token, String version, LongSupplier openTraces, LongSupplier queueDepth)
      throws IOException {
    this.store = store;
    this.metrics = metrics;
    this.token = token;
    this.version = version;
    this.openTraces = openTraces;
    this.queueDepth = queueDepth;
    this.server = HttpServers.create(bind, port, 4, "perf-analyzer-api");
    server.createContext("/", this::handle);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    HttpServers.stop(server, 1);
  }

  private void handle(HttpExchange ex) {
    try (ex) {
      if (dashboard.handle(ex)) {
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      // the one write: an acknowledgement; everything else is read-only
      boolean ackPath = ACK_PATH.matcher(path).matches();
      String method = ex.getRequestMethod();
      if (ackPath ? !"POST".equals(method)
          : !"GET".equals(method) && !"HEAD".equals(method)) {
        ex.getResponseHeaders().set("Allow", ackPath ? "POST" : "GET");
        send(ex, 405, JSON, ApiJson.error(ackPath ? "acknowledge with POST"
            : "the API is read-only: GET"));
        return;
      }
      if (!path.equals("/api/health")
          && !token.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        send(ex, 401, JSON, ApiJson.error("a bearer token is required"));
        return;
      }
      Query q = new Query(ex.getRequestURI().getRawQuery());
      try {
        route(ex, segments(path), q);
      } catch (Query.BadParameter e) {
        send(ex, 400, JSON, ApiJson.error(e.getMessage()));
      } catch (StoreException e) {
        metrics.dbError();
        send(ex, 503, JSON, ApiJson.error("the history database did not answer: "
            + e.getMessage()));
      }
    } catch (IOException | RuntimeException e) {
      // a client that went away, or a bug: this request fails, the server goes on
    }
  }

  private void route(HttpExchange ex, List<String> p, Query q)
      throws IOException, StoreException, Query.BadParameter {
    int n = p.size();
    if (n == 2 && p.get(0).equals("api") && p.get(1).equals("changes")) {
      send(ex, 200, JSON, Changes.json(store)); // polled by the dashboard
      return;
    }
    if (n == 1 && p.get(0).equals("metrics")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      metrics.write(out);
      send(ex, 200, AnalyzerMetrics.contentType(), out.toByteArray());
      return;
    }
    if (n < 2 || !p.get(0).equals("api")) {
      send(ex, 404, JSON, ApiJson.error("no such path; see /api/openapi.json"));
      return;
    }
    String what = p.get(1);
    if (n == 2 && what.equals("health")) {
      boolean ok = store.healthy();
      send(ex, ok ? 200 : 503, JSON, ApiJson.health(ok, store.kind(), version,
          openTraces.getAsLong(), queueDepth.getAsLong(),
          (System.currentTimeMillis() - startMillis) / 1000));
    } else if (n == 2 && what.equals("pipelines")) {
      send(ex, 200, JSON, ApiJson.pipelines(store.pipelines()));
    } else if (n == 4 && what.equals("pipelines") && p.get(3).equals("report")) {
      report(ex, p.get(2), q.integer("runs", DEFAULT_REPORT_RUNS, 1, 1000));
    } else if (n == 4 && what.equals("pipelines") && p.get(3).equals("runs")) {
      int limit = q.integer("limit", 50, 1, 1000);
      int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
      long from = q.instantNanos("from", Long.MIN_VALUE);
      long to = q.instantNanos("to", Long.MAX_VALUE);
      send(ex, 200, JSON, ApiJson.runs(p.get(2), store.countRuns(p.get(2), from, to), limit,
          offset, store.runs(p.get(2), from, to, limit, offset)));
    } else if (n == 3 && what.equals("runs")) {
      StoredRun run = store.run(p.get(2));
      if (run == null) {
        send(ex, 404, JSON, ApiJson.error("no run " + p.get(2)));
      } else {
        send(ex, 200, JSON, ApiJson.run(run));
      }
    } else if (n == 2 && what.equals("recommendations")) {
      send(ex, 200, JSON, ApiJson.findings(store.latestFindings(Finding.RECOMMENDATION)));
    } else if (n == 2 && what.equals("export")) {
      export(ex, q);
    } else if (n == 2 && what.equals("regressions")) {
      String direction = q.string("direction", null);
      if (direction != null && !direction.equals(Regression.REGRESSION)
          && !direction.equals(Regression.IMPROVEMENT)) {
        throw new Query.BadParameter("direction=" + direction
            + " is neither regression nor improvement");
      }
      send(ex, 200, JSON, ApiJson.regressions(store.regressions(q.string("pipeline", null),
          direction)));
    } else if (n == 2 && what.equals("alerts")) {
      String state = q.string("state", null);
      if (state != null && !ALERT_STATES.contains(state)) {
        throw new Query.BadParameter("state=" + state + " is not one of " + ALERT_STATES);
      }
      send(ex, 200, JSON, ApiJson.alerts(store.alerts(state, q.string("pipeline", null))));
    } else if (n == 4 && what.equals("alerts") && p.get(3).equals("ack")) {
      ack(ex, p.get(2));
    } else {
      send(ex, 404, JSON, ApiJson.error("no such path; see /api/openapi.json"));
    }
  }

  /** {@code POST /api/alerts/{id}/ack}: 200 with the alert, 400, 404, or 409 when resolved. */
  private void ack(HttpExchange ex, String idText)
      throws IOException, StoreException, Query.BadParameter {
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException e) {
      send(ex, 404, JSON, ApiJson.error("no alert " + idText));
      return;
    }
    String by = AckBody.by(ex.getRequestBody());
    StoredAlert a = store.ackAlert(id, by, System.currentTimeMillis());
    if (a == null) {
      send(ex, 404, JSON, ApiJson.error("no alert " + id));
    } else if (!a.active()) {
      send(ex, 409, JSON, ApiJson.error("alert " + id + " is resolved"));
    } else {
      send(ex, 200, JSON, ApiJson.alert(a));
    }
  }

  private void report(HttpExchange ex, String pipeline, int runs)
      throws IOException, StoreException {
    List<SpansAndSamples> recent = store.recentRuns(pipeline, runs);
    if (recent.isEmpty()) {
      send(ex, 404, JSON, ApiJson.error("no runs of pipeline " + pipeline));
      return;
    }
    List<StageSpan> spans = new ArrayList<>();
    Set<ResourceSample> samples = new LinkedHashSet<>(); // runs of one process may share some
    for (SpansAndSamples r : recent) {
      spans.addAll(r.spans());
      samples.addAll(r.samples());
    }
    List<ResourceSample> ordered = new ArrayList<>(samples);
    ordered.sort(Comparator.comparingLong(ResourceSample::timeNanos));
    send(ex, 200, JSON, ReportJson.write(RunAnalysis.report(spans, ordered)));
  }

  private void export(HttpExchange ex, Query q)
      throws IOException, StoreException, Query.BadParameter {
    String format = q.string("format", "json");
    if (!format.equals("json") && !format.equals("csv")) {
      send(ex, 400, JSON, ApiJson.error("format=" + format + " is neither json nor csv"));
      return;
    }
    var rows = store.stageRows(q.string("pipeline", null), q.integer("runs", 100, 1, 10_000));
    if (format.equals("csv")) {
      ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=perf-runs.csv");
      send(ex, 200, "text/csv; charset=utf-8", ApiJson.exportCsv(rows));
    } else {
      send(ex, 200, JSON, ApiJson.exportJson(rows));
    }
  }

  /** The path's segments, each percent-decoded (a pipeline name may hold a slash as %2F). */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        try {
          out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static void send(HttpExchange ex, int code, String type, String body)
      throws IOException {
    send(ex, code, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(code, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
