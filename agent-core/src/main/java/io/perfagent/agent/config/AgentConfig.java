package io.perfagent.agent.config;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.bootstrap.AgentSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The agent's own keys, read from {@code -javaagent:perf.jar=key=value,...}, then
 * {@code -Dperf.key=value}, then {@code PERF_KEY=value}, in that order of precedence.
 * Everything OpenTelemetry names ({@code OTEL_*}, {@code otel.*}) is left to its SDK.
 *
 * <p>Bad input never stops the application: an unknown key or a value that cannot be read gets
 * one line naming the key, the value, and what is used instead.
 */
public final class AgentConfig {

  public static final ConfigKey<Boolean> SUMMARY = ConfigKey.onOff("summary", true,
      "print the stage summary on stderr at JVM exit");
  public static final ConfigKey<Integer> FOLD_THRESHOLD = ConfigKey.positiveInt(
      "fold.threshold", 64, 1, 1_000_000,
      "calls of an AUTO stage under one parent that become spans before the rest are folded");
  public static final ConfigKey<Integer> FOLD_SAMPLE = ConfigKey.positiveInt("fold.sample", 64,
      1, 1 << 16, "folded calls are all counted and one in this many timed (rounded to a power "
          + "of two; 1 times every call); wall, CPU and allocation are scaled from the timed "
          + "ones, with a stated error");
  public static final ConfigKey<Integer> FOLD_EXEMPLARS = ConfigKey.positiveInt(
      "fold.exemplars", 5, 0, 16, "slowest folded calls per parent kept as exemplar spans");
  public static final ConfigKey<Duration> FOLD_WINDOW = ConfigKey.duration("fold.window",
      Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(10),
      "a per-record stage called with no enclosing stage (a streaming loop) past fold.threshold "
          + "times in this long is folded into one window span per thread and window: the runs "
          + "of a streaming pipeline");
  public static final ConfigKey<Duration> CPU_EXACT = ConfigKey.duration("cpu.exact",
      Duration.ofNanos(100_000), Duration.ZERO, Duration.ofSeconds(60),
      "stages whose typical call lasts at least this long read thread CPU time per call; "
          + "shorter ones get CPU from the sampler (estimate)");
  public static final ConfigKey<Duration> CPU_SAMPLE_INTERVAL = ConfigKey.duration(
      "cpu.sample.interval", Duration.ofMillis(10), Duration.ofMillis(1), Duration.ofSeconds(1),
      "how often the CPU sampler reads the CPU time of threads inside stages");
  public static final ConfigKey<Integer> BUFFER_SIZE = ConfigKey.positiveInt("buffer.size",
      1024, 16, 1 << 20, "most records a thread buffers between drains (its buffer starts at 64 "
          + "and doubles on demand)");
  public static final ConfigKey<Duration> DRAIN_INTERVAL = ConfigKey.duration("drain.interval",
      Duration.ofMillis(100), Duration.ofMillis(5), Duration.ofSeconds(10),
      "how often the agent thread drains the per-thread buffers");
  public static final ConfigKey<Duration> FLUSH_TIMEOUT = ConfigKey.duration("flush.timeout",
      Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(120),
      "longest the agent waits at JVM exit for the last spans and metrics to be exported");
  public static final ConfigKey<Boolean> REPORT = ConfigKey.onOff("report", true,
      "analyse the run at JVM exit: bottlenecks, critical path, what-if, report files");
  public static final ConfigKey<Boolean> REPORT_WARMUP = ConfigKey.onOff("report.warmup", true,
      "2 s after start, analyse a small made-up run once on an agent thread (~50 ms of CPU), "
          + "so the report at exit runs warm");
  public static final ConfigKey<String> REPORT_DIR = ConfigKey.text("report.dir", "perf-report",
      "where report.json and index.html are written");
  public static final ConfigKey<Integer> REPORT_MAX_SPANS = ConfigKey.positiveInt(
      "report.max.spans", 100_000, 100, 10_000_000,
      "spans kept for the exit analysis, roots besides; later ones are summarised into "
          + "per-stage aggregates under their parents");
  public static final ConfigKey<Duration> REPORT_TIMEOUT = ConfigKey.duration("report.timeout",
      Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10),
      "longest the exit analysis may take before it is abandoned");
  public static final ConfigKey<Double> WHATIF_SPEEDUP = ConfigKey.number("whatif.speedup", 2.0,
      1.01, 1000, "the speedup factor the what-if predictions ask about");
  public static final ConfigKey<String> SLO = ConfigKey.text("slo", "",
      "SLO and alert thresholds (see analysis/README.md for the syntax); empty: the defaults");
  public static final ConfigKey<Double> PRICE_CORE_HOUR = ConfigKey.number("price.core_hour", 0,
      0, 1_000_000, "price of one CPU core-hour, to put money on the cost figures (0: none)");
  public static final ConfigKey<Boolean> SAMPLE = ConfigKey.onOff("sample", true,
      "sample host, process, JVM, container, GPU and NPU resources on an agent thread");
  public static final ConfigKey<Duration> SAMPLE_INTERVAL = ConfigKey.duration("sample.interval",
      Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMinutes(1),
      "how often the resource sampler ticks; stage spans at least this long carry resource "
          + "averages");
  public static final ConfigKey<Boolean> SAMPLE_GPU = ConfigKey.onOff("sample.gpu", true,
      "sample NVIDIA GPUs through NVML (off: never load it)");
  public static final ConfigKey<String> SAMPLE_NVML_LIBRARY = ConfigKey.text(
      "sample.nvml.library", "", "NVML library file or name; empty: nvidia-ml");
  public static final ConfigKey<String> SAMPLE_SYSFS_ROOT = ConfigKey.text("sample.sysfs.root",
      "/sys", "where sysfs is read (accelerators, AMD GPUs)");
  public static final ConfigKey<String> SAMPLE_PROCFS_ROOT = ConfigKey.text(
      "sample.procfs.root", "/proc", "where procfs is read (cgroup, pressure, DRM fdinfo)");
  public static final ConfigKey<String> SAMPLE_CGROUP_ROOT = ConfigKey.text(
      "sample.cgroup.root", "/sys/fs/cgroup", "where the cgroup file system is read");
  public static final ConfigKey<String> CONTENTION = ConfigKey.oneOf("contention", "auto",
      List.of("auto", "on", "off"), "lock and wait time per stage from JFR's monitor-enter, "
          + "monitor-wait and park events, streamed on an agent thread; auto: JFR starts once "
          + "the CPU sampler sees a thread inside a stage blocked on a lock (JFR costs about "
          + "1 s of CPU to start and 17-45 MB)");
  public static final ConfigKey<Duration> CONTENTION_THRESHOLD = ConfigKey.duration(
      "contention.threshold", Duration.ofMillis(1), Duration.ofNanos(10_000),
      Duration.ofSeconds(10), "blocks and waits shorter than this are not recorded (JFR's "
          + "event threshold): it bounds the number of events");
  public static final ConfigKey<Integer> CONTENTION_MAX_EVENTS = ConfigKey.positiveInt(
      "contention.max.events", 100_000, 1000, 10_000_000,
      "lock and wait events kept for the exit report (about 50 bytes each); later ones are "
          + "counted and dropped");
  public static final ConfigKey<String> STAGES = ConfigKey.text("stages", "",
      "methods to measure as if annotated @Monitored, ';' between rules (syntax: see "
          + "'Stage rules' below); at a later attach, added to the rules in force");
  public static final ConfigKey<String> STAGES_FILE = ConfigKey.text("stages.file", "",
      "a file of stage rules, one a line, '#' starting a comment line; applies with stages");
  public static final ConfigKey<Boolean> DEBUG = ConfigKey.onOff("debug", false,
      "say more on stderr, with stack traces of the agent's own failures");

  public static final List<ConfigKey<?>> KEYS = List.of(SUMMARY, FOLD_THRESHOLD, FOLD_SAMPLE, FOLD_EXEMPLARS, FOLD_WINDOW,
      CPU_EXACT, CPU_SAMPLE_INTERVAL, BUFFER_SIZE, DRAIN_INTERVAL, FLUSH_TIMEOUT, REPORT, REPORT_WARMUP, REPORT_DIR,
      REPORT_MAX_SPANS,
      REPORT_TIMEOUT, WHATIF_SPEEDUP, SLO, PRICE_CORE_HOUR, SAMPLE, SAMPLE_INTERVAL, SAMPLE_GPU,
      SAMPLE_NVML_LIBRARY, SAMPLE_SYSFS_ROOT, SAMPLE_PROCFS_ROOT, SAMPLE_CGROUP_ROOT, CONTENTION,
      CONTENTION_THRESHOLD, CONTENTION_MAX_EVENTS, STAGES, STAGES_FILE, DEBUG);

  private final Map<String, Object> values;
  private final List<String> problems;

  private AgentConfig(Map<String, Object> values, List<String> problems) {
    this.values = values;
    this.problems = problems;
  }

  /** Reads the three sources; problems are collected, not printed (see {@link #report()}). */
  public static AgentConfig load(String agentArgs, Properties system, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<String, String> fromArgs = parseArgs(agentArgs, problems);
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey<?> key : KEYS) {
      values.put(key.name(), resolve(key, fromArgs, system, env, problems));
    }
    for (String name : system.stringPropertyNames()) {
      if (name.startsWith("perf.") && find(name.substring(5)) == null) {
        problems.add("unknown key '" + name.substring(5) + "' (from -D" + name
            + ") ignored; known keys: " + knownKeys());
      }
    }
    return new AgentConfig(values, problems);
  }

  /**
   * Reads the keys from one other source: {@code lookup} answers a key's name with its text or
   * null, and {@code prefix} is how a problem names where a value came from (the OpenTelemetry
   * agent's {@code otel.instrumentation.perf.} properties, for the extension).
   */
  public static AgentConfig load(Function<String, String> lookup, String prefix) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey<?> key : KEYS) {
      String text = lookup.apply(key.name());
      values.put(key.name(), text == null ? key.defaultValue()
          : parse(key, text, prefix + key.name(), problems));
    }
    return new AgentConfig(values, problems);
  }

  private static Map<String, String> parseArgs(String args, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (args == null || args.isBlank()) {
      return out;
    }
    for (String part : splitArgs(args)) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      String name = (eq < 0 ? item : item.substring(0, eq)).trim();
      String value = eq < 0 ? "" : item.substring(eq + 1).trim();
      if (find(name) == null) {
        problems.add("unknown key '" + name + "' (from -javaagent options) ignored; known keys: "
            + knownKeys());
      } else {
        out.put(name, value);
      }
    }
    return out;
  }

  /**
   * The {@code key=value} items of an agent argument string: split on the commas outside
   * brackets, so a value may hold a list, as stage rules do ({@code decode(byte[],int)},
   * {@code [name=x,mode=SPAN]}). With unbalanced brackets, on every comma, as before.
   */
  static List<String> splitArgs(String args) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < args.length(); i++) {
      char c = args.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if ((c == ')' || c == ']') && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(args.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(args.substring(start));
    return depth == 0 ? parts : List.of(args.split(","));
  }

  private static <T> T resolve(ConfigKey<T> key, Map<String, String> args, Properties system,
      Map<String, String> env, List<String> problems) {
    String source;
    String text;
    if (args.containsKey(key.name())) {
      source = "-javaagent options";
      text = args.get(key.name());
    } else if (system.getProperty("perf." + key.name()) != null) {
      source = "-Dperf." + key.name();
      text = system.getProperty("perf." + key.name());
    } else if (env.get(key.envName()) != null) {
      source = key.envName();
      text = env.get(key.envName());
    } else {
      return key.defaultValue();
    }
    return parse(key, text, source, problems);
  }

  private static <T> T parse(ConfigKey<T> key, String text, String source,
      List<String> problems) {
    T value = key.parse(text);
    if (value == null) {
      problems.add("bad value '" + text + "' for key '" + key.name() + "' (from " + source
          + "): expected " + key.expected() + "; using " + key.formatValue(key.defaultValue()));
      return key.defaultValue();
    }
    return value;
  }

  static ConfigKey<?> find(String name) {
    for (ConfigKey<?> key : KEYS) {
      if (key.name().equals(name)) {
        return key;
      }
    }
    return null;
  }

  private static String knownKeys() {
    StringBuilder sb = new StringBuilder();
    for (ConfigKey<?> key : KEYS) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(key.name());
    }
    return sb.toString();
  }

  /**
   * Hands the measurement keys to the woven code's settings and turns measurement on; before
   * any stage runs (both agents).
   */
  public void applyToMeasurement() {
    AgentSettings.foldThreshold = get(FOLD_THRESHOLD);
    AgentSettings.exemplars = get(FOLD_EXEMPLARS);
    AgentSettings.foldWindowNanos = get(FOLD_WINDOW).toNanos();
    AgentSettings.foldSampleMask = Integer.highestOneBit(get(FOLD_SAMPLE)) - 1;
    AgentSettings.cpuExactNanos = get(CPU_EXACT).toNanos();
    AgentSettings.ringCapacity = get(BUFFER_SIZE);
    AgentSettings.enabled = true;
  }

  /** The default of {@code key} as a user would write it. */
  public static <T> String describeDefault(ConfigKey<T> key) {
    return key.formatValue(key.defaultValue());
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    return (T) values.get(key.name());
  }

  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Prints each problem once, as one line. */
  public void report() {
    for (String problem : problems) {
      AgentLog.info(problem);
    }
  }
}
