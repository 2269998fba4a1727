package io.perfagent.analyzer.dashboard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the dashboard's static files: {@code /} (the page), {@code /api/docs} (Swagger UI
 * over {@code /api/openapi.json}, which is served here too, without a token: it describes the
 * API and holds no data) and {@code /ui/<name>} (their scripts and style sheets).
 *
 * <p>Only names in a fixed table are served, each mapped to one class-path resource: a
 * request path is looked up, never joined to a folder, so {@code ../} or an encoded slash
 * cannot reach anything else. The files hold no data, so they need no token (a browser
 * cannot send one for a page it navigates to); the API calls they make do.
 *
 * <p>Caching: {@code Cache-Control: no-cache} with an entity tag over the file's bytes. The
 * names carry no version, so a long {@code max-age} would keep an old script after an
 * upgrade; revalidating costs a 304 without a body.
 */
public final class DashboardFiles {

  private static final String OWN = "/io/perfagent/analyzer/dashboard/files/";
  private static final String REPORT = "/io/perfagent/analysis/html/";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";

  private static final StaticFile PAGE = new StaticFile(OWN + "dashboard.html", HTML);
  private static final StaticFile DOCS = new StaticFile(OWN + "docs.html", HTML);
  private static final StaticFile OPENAPI = new StaticFile(
      "/io/perfagent/analyzer/api/openapi.json", "application/json; charset=utf-8");

  /** {@code /ui/<name>}: the dashboard's own files, the report's front-end, the libraries. */
  private static final Map<String, StaticFile> UI = Map.ofEntries(
      own("dashboard.css", CSS),
      own("ui-api.js", JS),
      own("ui-trends.js", JS),
      own("ui-home.js", JS),
      own("ui-pipeline.js", JS),
      own("ui-app.js", JS),
      own("docs.js", JS),
      own("docs.css", CSS),
      own("swagger-ui-bundle.js", JS),
      own("swagger-ui.css", CSS),
      shared("report.js", "report.js", JS),
      shared("charts.js", "charts.js", JS),
      shared("report.css", "report.css", CSS),
      shared("uPlot.iife.min.js", "uplot/uPlot.iife.min.js", JS),
      shared("uPlot.min.css", "uplot/uPlot.min.css", CSS));

  private static Map.Entry<String, StaticFile> own(String name, String type) {
    return Map.entry(name, new StaticFile(OWN + name, type));
  }

  /** A file of the report's front-end (perf-analysis), the one copy both pages use. */
  private static Map.Entry<String, StaticFile> shared(String name, String path, String type) {
    return Map.entry(name, new StaticFile(REPORT + path, type));
  }

  /**
   * Answers the request when its path is one of the dashboard's; false (nothing sent) when it
   * is not, for the API to answer.
   */
  public boolean handle(HttpExchange ex) throws IOException {
    StaticFile f = find(ex.getRequestURI().getRawPath());
    if (f == null) {
      return false;
    }
    Headers h = ex.getResponseHeaders();
    SecurityHeaders.apply(h);
    String method = ex.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      h.set("Allow", "GET, HEAD");
      send(ex, 405, "text/plain; charset=utf-8",
          "GET or HEAD only\n".getBytes(StandardCharsets.UTF_8));
      return true;
    }
    h.set("Cache-Control", "no-cache");
    h.set("ETag", f.etag());
    String match = ex.getRequestHeaders().getFirst("If-None-Match");
    if (match != null && match.contains(f.etag())) {
      ex.sendResponseHeaders(304, -1);
      return true;
    }
    send(ex, 200, f.contentType(), f.body());
    return true;
  }

  /** The file a raw request path names, or null. */
  static StaticFile find(String rawPath) {
    if (rawPath.equals("/") || rawPath.equals("/index.html")) {
      return PAGE;
    }
    if (rawPath.equals("/api/docs") || rawPath.equals("/api/docs/")) {
      return DOCS;
    }
    if (rawPath.equals("/api/openapi.json")) {
      // what /api/docs shows before anyone gave a token: it describes the API, holds no data
      return OPENAPI;
    }
    if (rawPath.startsWith("/ui/")) {
      return UI.get(rawPath.substring(4));
    }
    return null;
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(code, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
