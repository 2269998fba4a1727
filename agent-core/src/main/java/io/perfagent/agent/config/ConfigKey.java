package io.perfagent.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One agent key: its name, default, and how a text value is read. A value that cannot be read
 * yields the default and a message naming the key, the value and what was used instead.
 */
public final class ConfigKey<T> {

  private final String name;
  private final T defaultValue;
  private final Parser<T> parser;
  private final String expected;
  private final String description;

  private ConfigKey(String name, T defaultValue, Parser<T> parser, String expected,
      String description) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.parser = parser;
    this.expected = expected;
    this.description = description;
  }

  /** Reads text into a value, or returns null when it cannot. */
  interface Parser<T> {
    T parse(String text);
  }

  // The parsers are classes, not lambdas: the configuration is read on the application's
  // start-up path, where each lambda's first call costs a generated class.

  public static ConfigKey<Boolean> onOff(String name, boolean dflt, String description) {
    return new ConfigKey<>(name, dflt, new OnOff(), "on or off", description);
  }

  public static ConfigKey<Integer> positiveInt(String name, int dflt, int min, int max,
      String description) {
    return new ConfigKey<>(name, dflt, new IntIn(min, max),
        "an integer from " + min + " to " + max, description);
  }

  public static ConfigKey<Double> number(String name, double dflt, double min, double max,
      String description) {
    return new ConfigKey<>(name, dflt, new NumberIn(min, max),
        "a number from " + min + " to " + max, description);
  }

  public static ConfigKey<Duration> duration(String name, Duration dflt, Duration min,
      Duration max, String description) {
    return new ConfigKey<>(name, dflt, new DurationIn(min, max),
        "a duration from " + format(min) + " to " + format(max) + " (e.g. 250ms, 5s)",
        description);
  }

  /** One of a few words; {@code on}/{@code off} synonyms ({@code true}, {@code no}...) too. */
  public static ConfigKey<String> oneOf(String name, String dflt, List<String> words,
      String description) {
    return new ConfigKey<>(name, dflt, new OneOf(words), String.join(", ", words), description);
  }

  public static ConfigKey<String> text(String name, String dflt, String description) {
    return new ConfigKey<>(name, dflt, new AnyText(), "text", description);
  }

  private static final class OnOff implements Parser<Boolean> {
    @Override
    public Boolean parse(String text) {
      return parseOnOff(text);
    }
  }

  /** Reads a value, then keeps it only within [min, max]. */
  private abstract static class InRange<T extends Comparable<T>> implements Parser<T> {
    private final T min;
    private final T max;

    InRange(T min, T max) {
      this.min = min;
      this.max = max;
    }

    /** The value, or null when the text is not one. */
    abstract T read(String text);

    @Override
    public T parse(String text) {
      T v = read(text);
      return v != null && v.compareTo(min) >= 0 && v.compareTo(max) <= 0 ? v : null;
    }
  }

  private static final class IntIn extends InRange<Integer> {
    IntIn(int min, int max) {
      super(min, max);
    }

    @Override
    Integer read(String text) {
      try {
        return Integer.parseInt(text.trim().replace("_", ""));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private static final class NumberIn extends InRange<Double> {
    NumberIn(double min, double max) {
      super(min, max);
    }

    @Override
    Double read(String text) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private static final class DurationIn extends InRange<Duration> {
    DurationIn(Duration min, Duration max) {
      super(min, max);
    }

    @Override
    Duration read(String text) {
      return parseDuration(text);
    }
  }

  private static final class OneOf implements Parser<String> {
    private final List<String> words;

    OneOf(List<String> words) {
      this.words = words;
    }

    @Override
    public String parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      Boolean b = parseOnOff(t);
      String word = b == null ? t : b ? "on" : "off";
      return words.contains(word) ? word : null;
    }
  }

  private static final class AnyText implements Parser<String> {
    @Override
    public String parse(String text) {
      return text;
    }
  }

  static Boolean parseOnOff(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "on":
      case "true":
      case "yes":
      case "1":
        return Boolean.TRUE;
      case "off":
      case "false":
      case "no":
      case "0":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 100us}, {@code 1500ns}; bare numbers are ms. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ns")) {
        return Duration.ofNanos(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      if (t.endsWith("us")) {
        return Duration.ofNanos(1000 * Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(Math.round(1000 * Double.parseDouble(
            t.substring(0, t.length() - 1).trim())));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(60 * Long.parseLong(t.substring(0, t.length() - 1).trim()));
      }
      return Duration.ofMillis(Long.parseLong(t));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String format(Duration d) {
    long ns = d.toNanos();
    if (ns % 1_000_000_000L == 0) {
      return (ns / 1_000_000_000L) + "s";
    }
    if (ns % 1_000_000L == 0) {
      return (ns / 1_000_000L) + "ms";
    }
    if (ns % 1_000L == 0) {
      return (ns / 1_000L) + "us";
    }
    return ns + "ns";
  }

  String formatValue(T value) {
    return value instanceof Duration ? format((Duration) value)
        : value instanceof Boolean ? ((Boolean) value ? "on" : "off")
        : String.valueOf(value);
  }

  T parse(String text) {
    return text == null ? null : parser.parse(text);
  }

  public String name() {
    return name;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String expected() {
    return expected;
  }

  public String description() {
    return description;
  }

  /** {@code fold.threshold} → {@code PERF_FOLD_THRESHOLD}. */
  public String envName() {
    return "PERF_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
