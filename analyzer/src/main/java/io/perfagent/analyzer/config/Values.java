package io.perfagent.analyzer.config;

import java.time.Duration;
import java.util.Locale;

/** Parses the value syntaxes of the settings: durations ({@code 2s}), sizes, ports. */
final class Values {

  private Values() {}

  /** {@code 500ms}, {@code 2s}, {@code 10m}, {@code 1h}, {@code 30d}; also ns and us. */
  static Duration duration(String name, String v) throws ConfigException {
    String s = v.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw bad(name, v, "a duration such as 500ms, 2s, 10m, 1h or 30d");
    }
    long n;
    try {
      n = Long.parseLong(s.substring(0, i));
    } catch (NumberFormatException e) {
      throw bad(name, v, "a duration such as 500ms, 2s, 10m, 1h or 30d");
    }
    try {
      switch (s.substring(i)) {
        case "ns": return Duration.ofNanos(n);
        case "us": return Duration.ofNanos(Math.multiplyExact(n, 1000L));
        case "ms": return Duration.ofMillis(n);
        case "s": return Duration.ofSeconds(n);
        case "m": return Duration.ofMinutes(n);
        case "h": return Duration.ofHours(n);
        case "d": return Duration.ofDays(n);
        default: throw bad(name, v, "a duration with a unit: ns, us, ms, s, m, h or d");
      }
    } catch (ArithmeticException e) {
      throw bad(name, v, "a duration that fits in a long of nanoseconds");
    }
  }

  /** Bytes: {@code 1048576}, {@code 512KiB}, {@code 20MiB}, {@code 1GiB}. */
  static long size(String name, String v) throws ConfigException {
    String s = v.trim();
    long unit = 1;
    for (String[] u : new String[][] {{"KiB", "1024"}, {"MiB", "1048576"},
        {"GiB", "1073741824"}, {"B", "1"}}) {
      if (s.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        s = s.substring(0, s.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      long n = Long.parseLong(s);
      if (n <= 0) {
        throw bad(name, v, "a positive size such as 20MiB");
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw bad(name, v, "a size such as 1048576, 512KiB or 20MiB");
    }
  }

  /** A non-negative fraction: {@code 10%} or {@code 0.1}. */
  static double fraction(String name, String v) throws ConfigException {
    String s = v.trim();
    boolean percent = s.endsWith("%");
    try {
      double d = Double.parseDouble(percent ? s.substring(0, s.length() - 1).trim() : s);
      if (!Double.isFinite(d) || d < 0) {
        throw bad(name, v, "a fraction such as 10% or 0.1");
      }
      return percent ? d / 100 : d;
    } catch (NumberFormatException e) {
      throw bad(name, v, "a fraction such as 10% or 0.1");
    }
  }

  /** A TCP port, 0 for any free one, -1 for off. */
  static int port(String name, String v) throws ConfigException {
    int p = integer(name, v);
    if (p < -1 || p > 65535) {
      throw bad(name, v, "a port from 0 to 65535 (0: any free port, -1: off)");
    }
    return p;
  }

  /** A positive int. */
  static int positive(String name, String v) throws ConfigException {
    int n = integer(name, v);
    if (n <= 0) {
      throw bad(name, v, "a positive whole number");
    }
    return n;
  }

  private static int integer(String name, String v) throws ConfigException {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw bad(name, v, "a whole number");
    }
  }

  /** {@code name}: how the user gave it, {@code --key} or {@code PERF_ANALYZER_KEY}. */
  static ConfigException bad(String name, String value, String expected) {
    return new ConfigException(name + ": '" + value + "' is not " + expected);
  }
}
