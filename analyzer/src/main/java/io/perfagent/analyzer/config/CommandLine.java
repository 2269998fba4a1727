package io.perfagent.analyzer.config;

import io.perfagent.analysis.slo.SloConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line: {@code --key value} or {@code --key=value}, each key also read from
 * {@code PERF_ANALYZER_KEY} (upper case, dashes as underscores); the flag wins.
 */
public final class CommandLine {

  /** What {@code --help} prints. */
  public static final String USAGE = String.join("\n",
      "usage: java -jar perf-analyzer.jar [options]",
      "",
      "  --otlp-grpc-port PORT      OTLP/gRPC receiver (default 4317; 0: any free port; -1: off)",
      "  --otlp-http-port PORT      OTLP/HTTP receiver, protobuf and JSON (default 4318)",
      "  --port PORT                REST API and /metrics (default 8089)",
      "  --bind ADDRESS             address every port listens on (default 127.0.0.1)",
      "  --db FILE                  SQLite history file (default perf-analyzer.db)",
      "  --jdbc-url URL             a PostgreSQL history instead (jdbc:postgresql://host/db?user=..)",
      "  --token TOKEN              bearer token OTLP and the API require (default: none)",
      "  --quiet-period DURATION    a run closes when its root ended and its trace was quiet",
      "                             this long (default 2s)",
      "  --retention DURATION       runs older than this are deleted (default 30d)",
      "  --max-body SIZE            largest request body after decompression (default 20MiB)",
      "  --max-open-traces N        traces assembled at once (default 10000)",
      "  --max-spans-per-trace N    spans kept per trace (default 1000000)",
      "  --max-queued-spans N       spans waiting for the assembler (default 2000000)",
      "  --slo RULES                SLO rules alerts are raised by, the agent's slo syntax,",
      "                             e.g. 'stage:score:p95<200ms/500ms;cpu<80%/90%' (default:",
      "                             error rates 5%/10%, cpu<85%/95%, memory<90%/95%)",
      "  --alert-after N            consecutive breaching evaluations (runs, or 10 s ticks of the",
      "                             resource series) before an alert opens (default 2)",
      "  --regression-window N      runs of a pipeline's history tested for changes (default 60)",
      "  --regression-min-runs N    runs needed on each side of a change (default 5)",
      "  --regression-min-change F  smallest change of a mean worth a finding (default 10%)",
      "  --regression-max-p P       largest p-value of a finding's t-test (default 0.01)",
      "  --help, --version",
      "",
      "Every option is also read from PERF_ANALYZER_<OPTION> (e.g. PERF_ANALYZER_QUIET_PERIOD=5s);",
      "the command line wins. Durations: 500ms, 2s, 10m, 1h, 30d.");

  static final List<String> KEYS = List.of("otlp-grpc-port", "otlp-http-port", "port", "bind",
      "db", "jdbc-url", "token", "quiet-period", "retention", "max-body", "max-open-traces",
      "max-spans-per-trace", "max-queued-spans", "slo", "regression-window",
      "regression-min-runs", "regression-min-change", "regression-max-p", "alert-after");

  /** What the command line asks for: run with a config, or print help or the version. */
  public sealed interface Request permits Run, Help, Version {}

  /** Run the service. */
  public record Run(AnalyzerConfig config) implements Request {}

  /** Print {@link #USAGE}. */
  public record Help() implements Request {}

  /** Print the version. */
  public record Version() implements Request {}

  private CommandLine() {}

  /** The environment variable of a key: {@code quiet-period} → {@code PERF_ANALYZER_QUIET_PERIOD}. */
  public static String envName(String key) {
    return "PERF_ANALYZER_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  public static Request parse(String[] args, Map<String, String> env) throws ConfigException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>(); // how each value was given, for messages
    for (String key : KEYS) {
      String v = env.get(envName(key));
      if (v != null && !v.isEmpty()) {
        values.put(key, v);
        names.put(key, envName(key));
      }
    }
    Map<String, String> fromArgs = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return new Help();
      }
      if (a.equals("--version")) {
        return new Version();
      }
      if (!a.startsWith("--")) {
        throw new ConfigException("unexpected argument '" + a + "' (see --help)");
      }
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigException("--" + key + " needs a value (see --help)");
      }
      if (!KEYS.contains(key)) {
        throw new ConfigException("unknown option --" + key + " (see --help)");
      }
      fromArgs.put(key, value);
    }
    if (fromArgs.containsKey("db") && fromArgs.containsKey("jdbc-url")) {
      throw new ConfigException("--db and --jdbc-url name two histories: give one");
    }
    values.putAll(fromArgs);
    for (String key : fromArgs.keySet()) {
      names.put(key, "--" + key);
    }
    if (fromArgs.containsKey("db")) {
      values.remove("jdbc-url");
    } else if (fromArgs.containsKey("jdbc-url")) {
      values.remove("db");
    }
    for (String key : KEYS) {
      names.putIfAbsent(key, "--" + key);
    }
    return new Run(config(values, names));
  }

  /** Parses one setting's value; fails with the line the user sees. */
  @FunctionalInterface
  private interface Parser<T> {
    T parse(String name, String value) throws ConfigException;
  }

  /** The given values, each parsed under the name it was given by. */
  private record Setting(Map<String, String> values, Map<String, String> names) {
    <T> T of(String key, Parser<T> parser, T absent) throws ConfigException {
      String value = values.get(key);
      return value == null ? absent : parser.parse(names.get(key), value);
    }
  }

  private static AnalyzerConfig config(Map<String, String> v, Map<String, String> names)
      throws ConfigException {
    Setting get = new Setting(v, names);
    int grpc = get.of("otlp-grpc-port", Values::port, AnalyzerConfig.DEFAULT_GRPC_PORT);
    int http = get.of("otlp-http-port", Values::port, AnalyzerConfig.DEFAULT_HTTP_PORT);
    int api = get.of("port", Values::port, AnalyzerConfig.DEFAULT_API_PORT);
    if (api < 0) {
      throw Values.bad(names.get("port"), v.get("port"),
          "a port from 0 to 65535 (the API cannot be off)");
    }
    String bind = v.getOrDefault("bind", AnalyzerConfig.DEFAULT_BIND).trim();
    if (bind.isEmpty()) {
      throw Values.bad(names.get("bind"), "", "an address such as 127.0.0.1 or 0.0.0.0");
    }
    String url = v.get("jdbc-url");
    if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
      throw Values.bad(names.get("jdbc-url"), url, "a jdbc:postgresql: or jdbc:sqlite: URL");
    }
    if (url == null) {
      String db = v.getOrDefault("db", AnalyzerConfig.DEFAULT_DB);
      if (db.isBlank()) {
        throw Values.bad(names.get("db"), db, "a file name");
      }
      url = "jdbc:sqlite:" + Path.of(db).toAbsolutePath();
    }
    String token = v.get("token");
    if (token != null && (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
      throw Values.bad(names.get("token"), "…", "a token of visible ASCII characters");
    }
    Duration quiet = get.of("quiet-period", Values::duration,
        AnalyzerConfig.DEFAULT_QUIET_PERIOD);
    if (quiet.toMillis() < 10) {
      throw Values.bad(names.get("quiet-period"), v.get("quiet-period"),
          "a duration of 10ms or more");
    }
    Duration retention = get.of("retention", Values::duration, AnalyzerConfig.DEFAULT_RETENTION);
    if (retention.toSeconds() < 1) {
      throw Values.bad(names.get("retention"), v.get("retention"), "a duration of 1s or more");
    }
    long maxBody = get.of("max-body", Values::size, AnalyzerConfig.DEFAULT_MAX_BODY_BYTES);
    if (maxBody > Integer.MAX_VALUE - 16) {
      throw Values.bad(names.get("max-body"), v.get("max-body"), "a size under 2GiB");
    }
    SloConfig slo;
    try {
      slo = SloConfig.parse(v.get("slo"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(names.get("slo") + ": " + e.getMessage());
    }
    int window = get.of("regression-window", Values::positive,
        AnalyzerConfig.DEFAULT_REGRESSION_WINDOW);
    if (window > AnalyzerConfig.MAX_REGRESSION_WINDOW) {
      throw Values.bad(names.get("regression-window"), v.get("regression-window"),
          "a number of runs up to " + AnalyzerConfig.MAX_REGRESSION_WINDOW);
    }
    int minRuns = get.of("regression-min-runs", Values::positive,
        AnalyzerConfig.DEFAULT_REGRESSION_MIN_RUNS);
    if (minRuns < 2 || 2 * minRuns > window) {
      throw Values.bad(names.get("regression-min-runs"), String.valueOf(minRuns),
          "a number of runs from 2 to half the regression window (" + window + ")");
    }
    double minChange = get.of("regression-min-change", Values::fraction,
        AnalyzerConfig.DEFAULT_REGRESSION_MIN_CHANGE);
    double maxP = get.of("regression-max-p", Values::fraction,
        AnalyzerConfig.DEFAULT_REGRESSION_MAX_P);
    if (maxP <= 0 || maxP >= 1) {
      throw Values.bad(names.get("regression-max-p"), v.get("regression-max-p"),
          "a p-value above 0 and below 1, such as 0.01");
    }
    int alertAfter = get.of("alert-after", Values::positive, AnalyzerConfig.DEFAULT_ALERT_AFTER);
    if (alertAfter > AnalyzerConfig.MAX_ALERT_AFTER) {
      throw Values.bad(names.get("alert-after"), v.get("alert-after"),
          "a number of evaluations from 1 to " + AnalyzerConfig.MAX_ALERT_AFTER);
    }
    return new AnalyzerConfig(grpc, http, api, bind, url, token, quiet, retention, maxBody,
        get.of("max-open-traces", Values::positive, AnalyzerConfig.DEFAULT_MAX_OPEN_TRACES),
        get.of("max-spans-per-trace", Values::positive,
            AnalyzerConfig.DEFAULT_MAX_SPANS_PER_TRACE),
        get.of("max-queued-spans", Values::positive, AnalyzerConfig.DEFAULT_MAX_QUEUED_SPANS),
        slo, window, minRuns, minChange, maxP, alertAfter);
  }
}
