package io.perfagent.analysis.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Renders a {@code perf-report/1} JSON document as one self-contained HTML page.
 *
 * <p>The page is the template {@code report.html} with its style sheets and scripts inlined and
 * the JSON embedded, unchanged in meaning, in a
 * {@code <script type="application/json" id="report-data">} block. The scripts are the chart
 * library uPlot (its MIT licence kept above it; the build copies it from the webjar into
 * {@code uplot/} beside this class), {@code charts.js} (the chart helpers, kept apart from the
 * report so that another page can use them) and {@code report.js}, which renders everything in
 * the browser with DOM calls ({@code textContent}, never {@code innerHTML} with report data), so
 * names from the application are always shown as text. The page loads nothing: no CDN, no font,
 * no image by URL.
 *
 * <p>The JSON is not parsed here. It is made safe for a script element: every {@code <},
 * {@code >} and {@code &} becomes a {@code \}{@code u003c}-style escape (which also covers
 * {@code </script} and {@code <!--}), and U+2028/U+2029 become escapes too. In well-formed
 * JSON these characters can only occur inside strings, where the escapes mean the same
 * characters, so {@code JSON.parse} in the page returns exactly the document given.
 *
 * <p>Contract for the page, relied on by tests: when rendering finished it contains an
 * element {@code #render-ok}; uncaught script errors, unhandled rejections and
 * {@code console.error} calls are written into {@code #js-errors}, which is otherwise empty.
 */
public final class HtmlReportWriter {

  /** Marker in {@code report.html} replaced by uPlot's style sheet and {@code report.css}. */
  static final String CSS_MARKER = "/*@@REPORT_CSS@@*/";
  /** Marker in {@code report.html} replaced by uPlot and {@code charts.js}. */
  static final String CHARTS_MARKER = "/*@@CHARTS_JS@@*/";
  /** Marker in {@code report.html} replaced by the contents of {@code report.js}. */
  static final String JS_MARKER = "/*@@REPORT_JS@@*/";
  /** Marker in {@code report.html} replaced by the escaped report JSON. */
  static final String DATA_MARKER = "@@REPORT_DATA@@";
  private static final String[] MARKERS = {CSS_MARKER, CHARTS_MARKER, JS_MARKER, DATA_MARKER};

  /** Characters {@link #escapeForScript} replaces, and what with (same index). */
  private static final char[] SPECIAL = {'<', '>', '&', '\u2028', '\u2029'};
  private static final String[] ESCAPED = {
      "\\u003c", "\\u003e", "\\u0026", "\\u2028", "\\u2029"};

  private HtmlReportWriter() {}

  /**
   * Returns the HTML page for a report.
   *
   * @param reportJson a {@code perf-report/1} document; a malformed one still yields a page,
   *     which then says that the report could not be read
   */
  public static String render(String reportJson) {
    Objects.requireNonNull(reportJson, "reportJson");
    Template t = Template.INSTANCE;
    String[] parts = {t.css, t.charts, t.js, escapeForScript(reportJson)};
    int size = t.html.length() + 64;
    for (String p : parts) {
      size += p.length();
    }
    // One pass over the template: inserted text is never scanned for markers again, so a
    // report containing a marker string cannot inject the CSS or JS a second time.
    StringBuilder out = new StringBuilder(size);
    int at = 0;
    while (true) {
      int next = -1;
      int which = -1;
      for (int m = 0; m < MARKERS.length; m++) {
        int i = t.html.indexOf(MARKERS[m], at);
        if (i >= 0 && (next < 0 || i < next)) {
          next = i;
          which = m;
        }
      }
      if (next < 0) {
        out.append(t.html, at, t.html.length());
        return out.toString();
      }
      out.append(t.html, at, next).append(parts[which]);
      at = next + MARKERS[which].length();
    }
  }

  /**
   * Renders the report and writes it to {@code file} (UTF-8), creating parent directories.
   * The file is written beside the target and moved into place, so a reader never sees half a
   * page.
   */
  public static void write(String reportJson, Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String html = render(reportJson);
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    // Not Files.createTempFile: that makes the file owner-only, and a report is for sharing.
    Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + System.nanoTime() + ".tmp");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Makes JSON text safe to place inside a {@code <script>} element without changing the value
   * it denotes (see the class comment).
   */
  static String escapeForScript(String json) {
    // Jumps from one special character to the next with String.indexOf, which is compiled
    // long before this runs at JVM exit, instead of looking at every character here.
    int[] next = new int[SPECIAL.length];
    for (int k = 0; k < SPECIAL.length; k++) {
      next[k] = json.indexOf(SPECIAL[k]);
    }
    StringBuilder sb = null;
    int from = 0;
    while (true) {
      int k = -1;
      for (int j = 0; j < SPECIAL.length; j++) {
        if (next[j] >= 0 && (k < 0 || next[j] < next[k])) {
          k = j;
        }
      }
      if (k < 0) {
        break;
      }
      int at = next[k];
      if (sb == null) {
        sb = new StringBuilder(json.length() + 64);
      }
      sb.append(json, from, at).append(ESCAPED[k]);
      from = at + 1;
      next[k] = json.indexOf(SPECIAL[k], from);
    }
    return sb == null ? json : sb.append(json, from, json.length()).toString();
  }

  /** The template and what goes into it, read once. */
  private static final class Template {
    static final Template INSTANCE = new Template();

    final String html = resource("report.html");
    /** uPlot's own rules first, so that the report's can refine them. */
    final String css = resource("uplot/uPlot.min.css") + "\n" + resource("report.css");
    /** The licence travels with the library's code, as MIT asks. */
    final String charts = "/*\n" + resource("uplot/LICENSE").replace("*/", "* /") + "*/\n"
        + resource("uplot/uPlot.iife.min.js") + "\n" + resource("charts.js");
    final String js = resource("report.js");

    private static String resource(String name) {
      try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name + " next to "
              + HtmlReportWriter.class.getName());
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read resource " + name, e);
      }
    }
  }
}
