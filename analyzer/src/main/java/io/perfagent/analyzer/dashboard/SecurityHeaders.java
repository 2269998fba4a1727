package io.perfagent.analyzer.dashboard;

import com.sun.net.httpserver.Headers;

/**
 * The headers every dashboard file goes out with. The pages load only their own files (no
 * inline script or style, nothing from another origin), and every value they show came from
 * the network, so the policy allows nothing else: a value that somehow reached the DOM as
 * markup still could not run a script or load anything.
 */
final class SecurityHeaders {

  /**
   * Every page (the dashboard and {@code /api/docs}): own scripts and styles only, data only
   * from this origin. Swagger UI 5.35 needs no {@code 'unsafe-inline'}: it sets styles
   * through the DOM (which a policy does not restrict), not as markup; DashboardIT opens an
   * operation, tries it out and checks that nothing violated the policy.
   */
  static final String CSP = "default-src 'none'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(Headers h) {
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
  }
}
