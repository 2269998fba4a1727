package io.perfagent.analysis.text;

import java.util.Locale;

/**
 * Formats numbers for people: three significant figures, the unit a reader expects. Locale
 * independent, so a report reads the same on every machine.
 */
public final class Units {

  /**
   * The locale of every number the reports format. US rather than ROOT: for the patterns used
   * here (no grouping) both give the same digits, '.' and '-', but {@link java.util.Formatter}
   * skips its decimal-symbols lookup for US only. The report is formatted at JVM exit, where
   * this code runs interpreted and that lookup is well over half the cost of a call.
   */
  public static final Locale LOCALE = Locale.US;

  private Units() {}

  /** {@code 1310000000} → {@code "1.31 s"}, {@code 250000000} → {@code "250 ms"}. */
  public static String duration(double nanos) {
    double a = Math.abs(nanos);
    if (a >= 60e9) {
      return sig(nanos / 60e9) + " min";
    }
    if (a >= 1e9) {
      return sig(nanos / 1e9) + " s";
    }
    if (a >= 1e6) {
      return sig(nanos / 1e6) + " ms";
    }
    if (a >= 1e3) {
      return sig(nanos / 1e3) + " µs";
    }
    return sig(nanos) + " ns";
  }

  /** Binary units: {@code 1.40 GiB}. */
  public static String bytes(double b) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    double v = b;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return sig(v) + " " + units[u];
  }

  /** A fraction as a percentage with one decimal: {@code 0.4213} → {@code "42.1 %"}. */
  public static String percent(double fraction) {
    return String.format(LOCALE, "%.1f %%", fraction * 100);
  }

  /** A ratio with one decimal and an x: {@code 5.24} → {@code "5.2x"}. */
  public static String times(double ratio) {
    return String.format(LOCALE, "%.1fx", ratio);
  }

  /** Three significant figures, no exponent, trailing zeros kept only up to the 3 figures. */
  public static String sig(double v) {
    double a = Math.abs(v);
    if (a >= 100 || a == 0) {
      return String.format(LOCALE, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(LOCALE, "%.1f", v);
    }
    return String.format(LOCALE, "%.2f", v);
  }

  /** A rate with k/M suffixes: {@code 30.1k}, {@code 10.4M}. */
  public static String rate(double perSecond) {
    if (perSecond >= 1e6) {
      return sig(perSecond / 1e6) + "M";
    }
    if (perSecond >= 1e3) {
      return sig(perSecond / 1e3) + "k";
    }
    return sig(perSecond);
  }
}
