package io.perfagent.agent.report;

import java.util.Locale;

/** Human-readable durations, sizes and rates, three significant digits. */
public final class Units {

  private Units() {}

  public static String nanos(long ns) {
    if (ns < 1_000) {
      return ns + "ns";
    }
    if (ns < 1_000_000) {
      return fmt(ns / 1e3) + "us";
    }
    if (ns < 1_000_000_000) {
      return fmt(ns / 1e6) + "ms";
    }
    return fmt(ns / 1e9) + "s";
  }

  public static String bytes(long b) {
    if (b < 0) {
      return "n/a";
    }
    if (b < 1024) {
      return b + "B";
    }
    if (b < 1024L * 1024) {
      return fmt(b / 1024.0) + "KiB";
    }
    if (b < 1024L * 1024 * 1024) {
      return fmt(b / (1024.0 * 1024)) + "MiB";
    }
    return fmt(b / (1024.0 * 1024 * 1024)) + "GiB";
  }

  public static String rate(double perSecond) {
    if (perSecond <= 0) {
      return "-";
    }
    if (perSecond < 1_000) {
      return fmt(perSecond);
    }
    if (perSecond < 1_000_000) {
      return fmt(perSecond / 1e3) + "k";
    }
    return fmt(perSecond / 1e6) + "M";
  }

  private static String fmt(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
