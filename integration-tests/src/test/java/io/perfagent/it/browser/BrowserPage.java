package io.perfagent.it.browser;

import io.perfagent.analysis.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * One tab of a fresh headless Chromium. Every document it loads first records any
 * Content-Security-Policy violation in {@code window.__cspViolations} (a page that needed
 * more than its policy allows would be drawn incompletely, and a test should say so).
 */
public final class BrowserPage implements AutoCloseable {

  private static final String RECORD_CSP = "window.__cspViolations = [];"
      + "document.addEventListener('securitypolicyviolation', function (e) {"
      + "  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI"
      + "    + ' ' + e.sourceFile + ':' + e.lineNumber); });";

  private final Chromium.Session session;

  /**
   * The machine's Chromium; without one the calling test is skipped with one line, or fails
   * under {@code CI=true} (where .ci/run installs it).
   */
  public static Path chromium() {
    Optional<Path> found = Chromium.find();
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("Chromium not found; install it with `apt-get install -y chromium`");
    }
    Assumptions.assumeTrue(found.isPresent(), "Chromium for the dashboard tests");
    return found.get();
  }

  public BrowserPage(Path chromium, Path profile) throws Exception {
    this.session = new Chromium.Session(chromium, profile, true);
    session.call("Page.enable", null);
    session.call("Page.addScriptToEvaluateOnNewDocument",
        "{\"source\":" + Chromium.Session.quote(RECORD_CSP) + "}");
  }

  /** Sets the window's size in CSS pixels (device scale 1). */
  public void size(int width, int height) throws Exception {
    session.call("Emulation.setDeviceMetricsOverride", "{\"width\":" + width + ",\"height\":"
        + height + ",\"deviceScaleFactor\":1,\"mobile\":false}");
  }

  /** Loads a URL; returns when the condition (a JS expression) holds. */
  public void open(String url, String readyWhen) throws Exception {
    session.call("Page.navigate", "{\"url\":" + Chromium.Session.quote(url) + "}");
    await(readyWhen, Duration.ofSeconds(30));
  }

  /** Reloads the document; returns when the condition holds. */
  public void reload(String readyWhen) throws Exception {
    session.call("Page.reload", "{\"ignoreCache\":true}");
    await(readyWhen, Duration.ofSeconds(30));
  }

  /** A real mouse click (moved there first, as a hand would) at page coordinates in CSS px. */
  public void click(double x, double y) throws Exception {
    for (String type : new String[] {"mouseMoved", "mousePressed", "mouseReleased"}) {
      session.call("Input.dispatchMouseEvent", String.format(Locale.ROOT,
          "{\"type\":\"%s\",\"x\":%f,\"y\":%f,\"button\":\"left\",\"clickCount\":1}",
          type, x, y));
    }
  }

  /** Evaluates an expression (promises awaited) and returns its JSON-able value. */
  public Object eval(String expression) throws Exception {
    return session.eval(expression);
  }

  /** Polls the expression until it is true; fails with the last page errors otherwise. */
  public void await(String condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Object v;
      try {
        v = session.eval("!!(" + condition + ")");
      } catch (IllegalStateException e) {
        v = false; // a document being replaced
      }
      if (Boolean.TRUE.equals(v)) {
        return;
      }
      Thread.sleep(100);
    }
    Object errors = null;
    try {
      errors = session.eval("location.href + ' | ' + (document.getElementById('js-errors') || {})"
          + ".textContent + ' | ' + (document.body ? document.body.innerText.slice(0, 400) : '')");
    } catch (IllegalStateException ignored) {
      // nothing to add
    }
    throw new AssertionError("never true within " + timeout + ": " + condition
        + (errors == null ? "" : "; page errors: " + errors));
  }

  /** A PNG of the whole document (beyond the window) into {@code file}. */
  @SuppressWarnings("unchecked")
  public void screenshot(Path file) throws Exception {
    Map<String, Object> metrics = session.call("Page.getLayoutMetrics", null);
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    double w = (Double) size.get("width");
    double h = Math.min(6000, (Double) size.get("height"));
    Map<String, Object> shot = session.call("Page.captureScreenshot", String.format(Locale.ROOT,
        "{\"format\":\"png\",\"captureBeyondViewport\":true,"
            + "\"clip\":{\"x\":0,\"y\":0,\"width\":%f,\"height\":%f,\"scale\":1}}", w, h));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
  }

  @Override
  public void close() {
    session.close();
  }
}
