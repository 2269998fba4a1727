package io.perfagent.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of this package once per agent configuration (an agent is per JVM, so
 * each configuration is one JMH run whose forks get that configuration's
 * {@code -jvmArgsAppend}), all in one launch, and prints one table: ns/op, B/op (JMH's GC
 * profiler), the time each agent adds over the no-agent baseline, and that added time as a
 * ratio of what the upstream agent's {@code @WithSpan} adds in the same launch.
 *
 * <p>Before timing, {@link Probe} runs under each agent exporting OTLP to a local receiver
 * ({@link OtlpReceiver}); a configuration whose spans do not arrive stops the launch.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.perfagent.benchmarks.Compare [options]
 *   -f N          forks per benchmark (default 2)
 *   -wi N, -i N   warmup / measurement iterations (default 5, 5)
 *   -w T, -r T    warmup / measurement iteration time (default 2s, 1s)
 *   --smoke       -f 1 -wi 1 -i 1 -w 1s -r 1s
 *   --include RE  only benchmarks whose Class.method matches RE (find semantics)
 *   --configs a,b only these configurations (none, perf, perf-cpu0, perf-otlp, otel, otel-otlp)
 *   --no-gc       without the GC profiler
 *   --agent-output  leave the agents' exit output on (-Dperf.summary=on) to check they work
 *   --out FILE    also write the table (markdown) to FILE
 * </pre>
 */
public final class Compare {

  private static final String PACKAGE = "io.perfagent.benchmarks.";
  private static final List<String> HEAP = List.of("-Xms1g", "-Xmx1g");
  private static final List<String> PERF_QUIET = List.of("-Dperf.report=off",
      "-Dperf.summary=off");
  private static final List<String> OTEL_EXPORTERS_OFF = List.of("-Dotel.traces.exporter=none",
      "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none");
  private static final Set<String> BATCH_METHODS = Set.of("monitoredAggregate", "monitoredAuto",
      "monitoredRecords");
  private static final List<String> CLASSES = List.of("TinyMethodBenchmark",
      "ConcurrentBenchmark", "NestingBenchmark", "ExecutorHopBenchmark");
  private static final String UPSTREAM_CONFIG = "otel";
  /** The upstream agent with our extension: the same stages inside it. */
  private static final String EXTENSION_CONFIG = "otel-ext";

  /** One agent configuration: a JMH run whose forks get {@code jvmArgs}. */
  record Config(String name, String what, List<String> jvmArgs, List<String> benchmarks) {}

  /** One measured benchmark in one configuration. */
  record Measured(String config, String benchmark, double score, double error, double bytesPerOp,
      long traceRequestsDuringRun) {}

  private Compare() {}

  public static void main(String[] args) throws Exception {
    int forks = 2;
    int warmupIterations = 5;
    int iterations = 5;
    TimeValue warmupTime = TimeValue.seconds(2);
    TimeValue time = TimeValue.seconds(1);
    Pattern include = null;
    Set<String> only = null;
    boolean gc = true;
    boolean agentOutput = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-f" -> forks = Integer.parseInt(args[++i]);
        case "-wi" -> warmupIterations = Integer.parseInt(args[++i]);
        case "-i" -> iterations = Integer.parseInt(args[++i]);
        case "-w" -> warmupTime = TimeValue.fromString(args[++i]);
        case "-r" -> time = TimeValue.fromString(args[++i]);
        case "--smoke" -> {
          forks = 1;
          warmupIterations = 1;
          iterations = 1;
          warmupTime = TimeValue.seconds(1);
          time = TimeValue.seconds(1);
        }
        case "--include" -> include = Pattern.compile(args[++i]);
        case "--configs" -> only = new TreeSet<>(Arrays.asList(args[++i].split(",")));
        case "--no-gc" -> gc = false;
        case "--agent-output" -> agentOutput = true;
        case "--out" -> out = Path.of(args[++i]);
        case "-h", "--help" -> {
          System.out.println("see the javadoc of io.perfagent.benchmarks.Compare and "
              + "benchmarks/README.md");
          return;
        }
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }

    Path perfJar = AgentJars.perf();
    Path otelJar = AgentJars.upstream();
    Path extensionJar = AgentJars.extension();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<Config> configs = configs(perfJar, otelJar, extensionJar, receiver.endpoint(),
          agentOutput);
      if (only != null) {
        Set<String> wanted = only;
        configs = configs.stream().filter(c -> wanted.contains(c.name())).toList();
      }
      System.out.printf("perf.jar: %s%nupstream: %s%nreceiver: %s%n", perfJar, otelJar,
          receiver.endpoint());

      probe(receiver, "perf", agentArgs(perfJar, receiver.endpoint(), true), List.of(
          "tiny.span", "tiny.batch.aggregate", "tiny.batch.auto", "tiny.batch.records",
          "tiny.iteration", "concurrent.span", "nesting.level", "hop.parent", "hop.task"));
      probe(receiver, "upstream", agentArgs(otelJar, receiver.endpoint(), false), List.of(
          "tiny.withspan", "concurrent.withspan", "nesting.withspan", "hop.withspan.parent",
          "hop.withspan.task"));
      List<String> extensionArgs = new ArrayList<>(agentArgs(otelJar, receiver.endpoint(),
          false));
      extensionArgs.add("-Dotel.javaagent.extensions=" + extensionJar);
      probe(receiver, "upstream + perf-otel-extension", extensionArgs, List.of(
          "tiny.span", "tiny.batch.aggregate", "tiny.batch.auto", "tiny.batch.records",
          "tiny.iteration", "hop.parent", "hop.task", "tiny.withspan"));

      List<Measured> measured = new ArrayList<>();
      long started = System.nanoTime();
      for (Config config : configs) {
        List<String> selected = new ArrayList<>();
        for (String benchmark : config.benchmarks()) {
          if (include == null || include.matcher(benchmark).find()) {
            selected.add(benchmark);
          }
        }
        if (selected.isEmpty()) {
          continue;
        }
        System.out.printf("%n=== configuration %s: %s%n    jvmArgsAppend %s%n", config.name(),
            config.what(), String.join(" ", config.jvmArgs()));
        ChainedOptionsBuilder options = new OptionsBuilder()
            .forks(forks)
            .warmupIterations(warmupIterations)
            .warmupTime(warmupTime)
            .measurementIterations(iterations)
            .measurementTime(time)
            .jvmArgsAppend(config.jvmArgs().toArray(String[]::new))
            .shouldFailOnError(true);
        for (String benchmark : selected) {
          options.include("^" + Pattern.quote(PACKAGE + benchmark) + "$");
        }
        if (gc) {
          options.addProfiler(GCProfiler.class);
        }
        long tracesBefore = receiver.traceRequests();
        Collection<RunResult> results = new Runner(options.build()).run();
        long traces = receiver.traceRequests() - tracesBefore;
        for (RunResult result : results) {
          String benchmark = result.getParams().getBenchmark().substring(PACKAGE.length());
          Result<?> primary = result.getPrimaryResult();
          Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
          measured.add(new Measured(config.name(), benchmark, primary.getScore(),
              primary.getScoreError(), norm == null ? Double.NaN : norm.getScore(), traces));
        }
        if (config.name().endsWith("-otlp")) {
          System.out.printf("receiver: %d trace requests during %s%n", traces, config.name());
        }
      }
      String table = table(measured, forks, warmupIterations, warmupTime, iterations, time,
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
      System.out.println();
      System.out.println(table);
      if (out != null) {
        Files.writeString(out, table);
        System.out.println("written to " + out.toAbsolutePath());
      }
    }
  }

  static List<Config> configs(Path perfJar, Path otelJar, Path extensionJar, String endpoint,
      boolean agentOutput) {
    List<String> perf = new ArrayList<>(HEAP);
    perf.add("-javaagent:" + perfJar);
    perf.addAll(agentOutput ? List.of("-Dperf.report=off", "-Dperf.summary=on") : PERF_QUIET);
    List<String> perfCpu = new ArrayList<>(perf);
    perfCpu.add("-Dperf.cpu.exact=0ns");
    List<String> perfOtlp = new ArrayList<>(perf);
    perfOtlp.addAll(otlp(endpoint));
    List<String> otel = new ArrayList<>(HEAP);
    otel.add("-javaagent:" + otelJar);
    List<String> otelOff = new ArrayList<>(otel);
    otelOff.addAll(OTEL_EXPORTERS_OFF);
    List<String> extension = new ArrayList<>(otelOff);
    extension.add("-Dotel.javaagent.extensions=" + extensionJar);
    List<String> otelOtlp = new ArrayList<>(otel);
    otelOtlp.addAll(List.of("-Dotel.traces.exporter=otlp", "-Dotel.metrics.exporter=otlp",
        "-Dotel.logs.exporter=none"));
    otelOtlp.addAll(otlp(endpoint));

    return List.of(
        new Config("none", "no agent (baselines)", HEAP, List.of(
            "TinyMethodBenchmark.plain", "TinyMethodBenchmark.plainBatch",
            "ConcurrentBenchmark.plain", "ConcurrentBenchmark.plainBatch",
            "NestingBenchmark.plain", "ExecutorHopBenchmark.plain")),
        new Config("perf", "perf.jar, defaults (wall + alloc per call, CPU adaptive)", perf,
            List.of("TinyMethodBenchmark.monitoredSpan", "TinyMethodBenchmark.monitoredAggregate",
                "TinyMethodBenchmark.monitoredAuto", "TinyMethodBenchmark.monitoredAutoFolded",
                "TinyMethodBenchmark.monitoredAggregateFolded",
                "TinyMethodBenchmark.monitoredRecords", "ConcurrentBenchmark.monitoredSpan",
                "ConcurrentBenchmark.monitoredAggregate", "NestingBenchmark.monitoredSpan",
                "ExecutorHopBenchmark.monitoredSpan")),
        new Config("perf-cpu0", "perf.jar, cpu.exact=0ns (thread CPU read on every call)",
            perfCpu, List.of("TinyMethodBenchmark.monitoredSpan",
                "ConcurrentBenchmark.monitoredSpan")),
        new Config("perf-otlp", "perf.jar, OTLP/HTTP to the local receiver", perfOtlp,
            List.of("TinyMethodBenchmark.monitoredSpan")),
        new Config(UPSTREAM_CONFIG, "upstream agent, exporters none", otelOff, List.of(
            "TinyMethodBenchmark.withSpan", "ConcurrentBenchmark.withSpan",
            "NestingBenchmark.withSpan", "ExecutorHopBenchmark.withSpan")),
        new Config("otel-otlp", "upstream agent, OTLP/HTTP to the local receiver", otelOtlp,
            List.of("TinyMethodBenchmark.withSpan")),
        new Config(EXTENSION_CONFIG, "upstream agent with perf-otel-extension, exporters none",
            extension, List.of("TinyMethodBenchmark.monitoredSpan",
                "TinyMethodBenchmark.monitoredAggregate", "TinyMethodBenchmark.monitoredAuto",
                "TinyMethodBenchmark.monitoredAutoFolded",
                "TinyMethodBenchmark.monitoredAggregateFolded",
                "TinyMethodBenchmark.monitoredRecords", "TinyMethodBenchmark.withSpan",
                "ExecutorHopBenchmark.monitoredSpan")));
  }

  private static List<String> otlp(String endpoint) {
    return List.of("-Dotel.exporter.otlp.endpoint=" + endpoint,
        "-Dotel.exporter.otlp.protocol=http/protobuf", "-Dotel.bsp.schedule.delay=200");
  }

  /** JVM arguments for the probe: the agent, exporting traces to the receiver. */
  private static List<String> agentArgs(Path jar, String endpoint, boolean perf) {
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + jar);
    if (perf) {
      args.addAll(List.of("-Dperf.report=off", "-Dperf.summary=on"));
    } else {
      args.addAll(List.of("-Dotel.traces.exporter=otlp", "-Dotel.metrics.exporter=none",
          "-Dotel.logs.exporter=none"));
    }
    args.addAll(otlp(endpoint));
    return args;
  }

  /** Runs {@link Probe} under an agent; stops the launch unless every expected span arrived. */
  private static void probe(OtlpReceiver receiver, String agent, List<String> agentArgs,
      List<String> expected) throws IOException, InterruptedException {
    receiver.watch(expected);
    long before = receiver.traceRequests();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(agentArgs);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        Probe.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> agentLines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.contains("[perf-agent]") || line.contains("opentelemetry-javaagent")) {
          agentLines.add(line);
        }
      }
    }
    int exit = process.waitFor();
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(receiver.seen());
    System.out.printf("probe %s: exit %d, %d trace requests, spans seen %d/%d%s%n", agent, exit,
        receiver.traceRequests() - before, expected.size() - missing.size(), expected.size(),
        missing.isEmpty() ? "" : ", MISSING " + missing);
    agentLines.stream().limit(4).forEach(l -> System.out.println("  | " + l));
    if (exit != 0 || !missing.isEmpty()) {
      throw new IllegalStateException("probe under " + agent + " failed: the annotations are "
          + "not woven or the spans do not arrive; timing it would be meaningless");
    }
  }

  /** The result table, markdown. */
  static String table(List<Measured> measured, int forks, int warmupIterations,
      TimeValue warmupTime, int iterations, TimeValue time, long seconds) {
    Map<String, Measured> byKey = new LinkedHashMap<>();
    for (Measured m : measured) {
      byKey.put(m.config() + "/" + m.benchmark(), m);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "JMH: -f %d -wi %d -w %s -i %d -r %s, %d s in all; "
        + "added = ns/op minus the no-agent baseline (plain, or plainBatch for batch "
        + "variants); vs upstream = added / added by @WithSpan under the upstream agent "
        + "(exporters none) in the same class%n%n", forks, warmupIterations, warmupTime,
        iterations, time, seconds));
    for (String cls : CLASSES) {
      List<Measured> rows = measured.stream()
          .filter(m -> m.benchmark().startsWith(cls + ".")).toList();
      if (rows.isEmpty()) {
        continue;
      }
      Measured upstream = byKey.get(UPSTREAM_CONFIG + "/" + cls + ".withSpan");
      Double upstreamAdded = upstream == null ? null : added(byKey, upstream);
      sb.append("### ").append(cls).append("\n\n");
      sb.append("| variant | config | ns/op | ± (99.9%) | B/op | added ns/op | vs upstream |\n");
      sb.append("|---|---|---:|---:|---:|---:|---:|\n");
      for (Measured m : rows) {
        Double add = added(byKey, m);
        String ratio = "";
        if (add != null && upstreamAdded != null && upstreamAdded > 0
            && !m.config().equals("none")) {
          double r = add / upstreamAdded;
          ratio = r >= 1 || r <= 0 ? String.format(Locale.ROOT, "%.3f", r)
              : String.format(Locale.ROOT, "%.3f (1/%.0f)", r, 1 / r);
        }
        sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s | %s |%n",
            m.benchmark().substring(cls.length() + 1), m.config(), m.score(),
            Double.isNaN(m.error()) ? "-" : String.format(Locale.ROOT, "%.2f", m.error()),
            Double.isNaN(m.bytesPerOp()) ? "-" : String.format(Locale.ROOT, "%.2f",
                m.bytesPerOp()),
            add == null || m.config().equals("none") ? "" : String.format(Locale.ROOT, "%.2f",
                add),
            ratio));
      }
      sb.append('\n');
    }
    sb.append(targets(byKey));
    return sb.toString();
  }

  private static Double added(Map<String, Measured> byKey, Measured m) {
    String cls = m.benchmark().substring(0, m.benchmark().indexOf('.'));
    String method = m.benchmark().substring(cls.length() + 1);
    String baseline = BATCH_METHODS.contains(method) ? "plainBatch" : "plain";
    Measured base = byKey.get("none/" + cls + "." + baseline);
    return base == null ? null : m.score() - base.score();
  }

  /** The targets for the single-thread tiny method, as far as this launch measured. */
  private static String targets(Map<String, Measured> byKey) {
    Measured upstream = byKey.get(UPSTREAM_CONFIG + "/TinyMethodBenchmark.withSpan");
    if (upstream == null || added(byKey, upstream) == null) {
      return "";
    }
    double up = added(byKey, upstream);
    StringBuilder sb = new StringBuilder("### Targets (TinyMethodBenchmark, this launch)\n\n");
    sb.append(String.format(Locale.ROOT, "upstream @WithSpan adds %.1f ns/call%n%n", up));
    for (String method : List.of("monitoredAggregate", "monitoredAggregateFolded",
        "monitoredAuto", "monitoredAutoFolded")) {
      Measured m = byKey.get("perf/TinyMethodBenchmark." + method);
      Double add = m == null ? null : added(byKey, m);
      if (add != null) {
        boolean met = add <= 12 && add <= up / 50;
        sb.append(String.format(Locale.ROOT,
            "- %s: adds %.2f ns/call (target <= 12 and <= %.2f): %s; %.2f B/op (target ~0)%n",
            method, add, up / 50, met ? "met" : "NOT met", m.bytesPerOp()));
      }
    }
    Measured span = byKey.get("perf/TinyMethodBenchmark.monitoredSpan");
    Double spanAdded = span == null ? null : added(byKey, span);
    if (spanAdded != null) {
      sb.append(String.format(Locale.ROOT,
          "- monitoredSpan: adds %.2f ns/call (target <= %.2f, 1/3 of upstream): %s%n",
          spanAdded, up / 3, spanAdded <= up / 3 ? "met" : "NOT met"));
    }
    return sb.append('\n').toString();
  }
}
