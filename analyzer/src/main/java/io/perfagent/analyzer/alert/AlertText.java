package io.perfagent.analyzer.alert;

import io.perfagent.analysis.slo.Alert;
import java.util.Locale;

/** An alert's evidence in words: {@code stage:score p95 31.0 ms over 25 ms (warning)}. */
final class AlertText {

  private AlertText() {}

  static String of(Alert a, String metric) {
    // resource:cpu, not resource:cpu cpu
    String what = a.subject().endsWith(":" + metric) ? a.subject() : a.subject() + " " + metric;
    return what + " " + value(a.value(), a.unit()) + " over "
        + threshold(a.threshold(), a.unit()) + " (" + a.level().id() + ")";
  }

  static String value(double v, String unit) {
    if (!unit.equals("ns")) {
      return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
    double abs = Math.abs(v);
    if (abs >= 1e9) {
      return String.format(Locale.ROOT, "%.2f s", v / 1e9);
    }
    if (abs >= 1e6) {
      return String.format(Locale.ROOT, "%.1f ms", v / 1e6);
    }
    if (abs >= 1e3) {
      return String.format(Locale.ROOT, "%.1f µs", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f ns", v);
  }

  /** A limit as a person wrote it: {@code 25 ms}, not {@code 25.0 ms}. */
  static String threshold(double v, String unit) {
    return value(v, unit).replace(".0 ", " ").replace(".00 ", " ");
  }
}
