package io.perfagent.analyzer.dashboard;

import com.sun.net.httpserver.Headers;

/**
 * The headers every dashboard file goes out with. The pages load only their own files (no
 * inline script or style, nothing from another origin), and every value they show came from
 * the network, so the policy allows nothing else: a value that somehow reached the DOM as
 * markup still could not run a script or load anything.
 */
final class SecurityHeaders {

  /** The dashboard's pages: own scripts and styles only, data only from this origin. */
  static final String DASHBOARD_CSP = "default-src 'none'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  /**
   * {@code /api/docs}: the same, except that Swagger UI writes {@code style} attributes into
   * the markup it builds (its models and collapsible sections); without
   * {@code 'unsafe-inline'} for styles (only styles: scripts stay {@code 'self'}) those parts
   * of the page render wrongly. The page shows the analyzer's own OpenAPI document, not
   * pipeline data.
   */
  static final String DOCS_CSP = "default-src 'none'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
      + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(Headers h, String csp) {
    h.set("Content-Security-Policy", csp);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
  }
}
