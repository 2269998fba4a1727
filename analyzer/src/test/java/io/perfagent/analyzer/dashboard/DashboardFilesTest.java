package io.perfagent.analyzer.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DashboardFiles} over a real socket: each file with its content type, the security
 * headers on every answer, revalidation by entity tag, GET and HEAD only, and nothing outside
 * its table, however the path is spelled.
 */
class DashboardFilesTest {

  private HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    DashboardFiles files = new DashboardFiles();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        if (!files.handle(ex)) {
          ex.sendResponseHeaders(404, -1);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @CsvSource({
      "/, text/html",
      "/api/docs, text/html",
      "/api/openapi.json, application/json",
      "/ui/ui-app.js, text/javascript",
      "/ui/report.js, text/javascript",
      "/ui/charts.js, text/javascript",
      "/ui/uPlot.iife.min.js, text/javascript",
      "/ui/swagger-ui-bundle.js, text/javascript",
      "/ui/dashboard.css, text/css",
      "/ui/report.css, text/css",
      "/ui/swagger-ui.css, text/css"})
  void servesEachFileWithItsTypeAndTheSecurityHeaders(String path, String type) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(type + "; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CSP);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(r.body()).isNotEmpty();
  }

  @Test
  void thePagesHaveNoInlineScriptOrStyle() throws Exception {
    for (String path : new String[] {"/", "/api/docs"}) {
      String html = get(path).body();
      assertThat(html).doesNotContain("<style", " style=", "javascript:")
          .doesNotContainPattern("\\son[a-z]+\\s*=");
      // every script element loads a file of this origin and holds nothing
      assertThat(html.split("<script").length - 1)
          .isEqualTo(html.split("<script src=\"/ui/[a-zA-Z.-]+\"></script>").length - 1);
    }
  }

  /**
   * Our own scripts never turn a string into markup or code (the vendored uPlot and Swagger
   * UI are left out): everything from the API is set as text.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ui-api.js", "ui-trends.js", "ui-home.js", "ui-pipeline.js",
      "ui-app.js", "docs.js", "report.js", "charts.js"})
  void ourScriptsWriteNoMarkup(String name) throws Exception {
    assertThat(get("/ui/" + name).body()).doesNotContain("innerHTML", "outerHTML",
        "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('on");
  }

  @Test
  void anUnchangedFileIsAnsweredWithoutItsBody() throws Exception {
    String etag = get("/ui/report.js").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = get("/ui/report.js", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/ui/report.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void headHasNoBodyAndOtherMethodsAreRefused() throws Exception {
    HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/ui/ui-app.js"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  /** Sent byte for byte (an HTTP client would tidy some of these paths first). */
  @ParameterizedTest
  @ValueSource(strings = {"/ui/../api/pipelines", "/ui/..%2fui-app.js", "/ui/%2e%2e/x",
      "/ui/", "/ui/UI-APP.JS", "/ui/ui-app.js/", "/ui//ui-app.js", "/ui/ui-app.js%00",
      "/ui/uplot/uPlot.min.css", "/ui/../../etc/passwd", "/index.htm", "/api/docs/x",
      "/ui/files/dashboard.html"})
  void nothingOutsideTheTable(String rawPath) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.getAddress().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String status = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\r\n")[0];
      assertThat(status).as(rawPath).contains(" 404");
    }
  }
}
