package io.perfagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.apps.CsvToJsonApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stages named by configuration only, on unmodified libraries from Maven Central: Commons CSV
 * reads a generated file and Jackson writes it as JSON ({@link CsvToJsonApp}), under the real
 * perf.jar on each JDK, once with the rules given at start-up ({@code stages} and
 * {@code stages.file}), once attached to the running JVM (two attaches: the second adds rules;
 * then {@code perf.jar stages PID} lists what they wove in the running JVM).
 * Each run checks that report.json names every staged method with its exact call count (known
 * from the input: a parse makes one {@code nextRecord} for the header, one per row and one at
 * the end, one iterator {@code next} per row, the app reads three fields a row, Jackson ends
 * one object a row and one array a run), that the allocation of the entry stage and of the
 * JSON write are the bytes the app's thread allocated in them ({@code ThreadMXBean}, within
 * 2 % or 256 KiB), and that the exit lines list each rule with what it wove: an overload
 * only, the implementations of an interface (a JDK one: never a JDK class) and of an abstract
 * class for a pattern, "matched nothing" for a rule on a class that never loads, and one line
 * naming the malformed rule while the others apply.
 */
class StagesByRuleIT {

  private static final int ROWS = 20_000;
  private static final int RUNS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ENTRY =
      "io.perfagent.it.apps.CsvToJsonApp#convert[name=convert,pipeline=csv2json,mode=SPAN]";
  private static final String NEXT_RECORD =
      "org.apache.commons.csv.CSVParser#nextRecord[name=csv.record]";
  private static final String ITERATOR = "java.util.Iterator#next";
  private static final String GET_BY_NAME =
      "org.apache.commons.csv.CSVRecord#get(String)[name=csv.get]";
  private static final String WRITE_VALUE = "com.fasterxml.jackson.databind.ObjectMapper"
      + "#writeValue(java.io.File,java.lang.Object)[name=json.write,mode=SPAN]";
  private static final String WRITE_END = "com.fasterxml.jackson.core.JsonGenerator#writeEnd*";
  private static final String NOTHING = "com.example.NeverLoaded#run";
  private static final String MALFORMED = "org.apache.commons.csv.CSVParser.parse";

  private static List<Path> classpath() {
    return ItClasspath.appsWith(List.of("commons-csv", "commons-io", "commons-codec",
        "jackson-databind", "jackson-core", "jackson-annotations"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void rulesAtStartUpStageTheLibraries(Jdk jdk) throws Exception {
    String name = "StagesByRuleIT-startup-jdk" + jdk.feature();
    Path work = fresh(name);
    Path rules = work.resolve("stages.txt");
    Files.writeString(rules, String.join("\n",
        "# the pipeline entry: the app's own plain method, a root by this rule",
        ENTRY,
        "",
        "# Commons CSV: a package-private method, and a JDK interface's implementations",
        NEXT_RECORD,
        "  " + ITERATOR,
        "# Jackson: one overload, and a pattern below an abstract class",
        WRITE_VALUE,
        WRITE_END,
        NOTHING,
        MALFORMED,
        ""));
    ChildResult r = ChildJvm.builder(jdk, name)
        .agent(ItPaths.agentJar(), "stages=" + GET_BY_NAME + ",stages.file=" + rules)
        .classpath(classpath())
        .mainClass(CsvToJsonApp.class)
        .args(Integer.toString(ROWS), Integer.toString(RUNS))
        .run();
    SoftAssertions soft = new SoftAssertions();
    checkRun(soft, r, work, "(from stages.file " + rules + " line 11)");
    fail(soft, r, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void rulesAtAttachStageARunningJvm(Jdk jdk) throws Exception {
    String name = "StagesByRuleIT-attach-jdk" + jdk.feature();
    Path work = fresh(name);
    try (ChildJvm.Running child = ChildJvm.builder(jdk, name)
        .noAgent()
        .classpath(classpath())
        .mainClass(CsvToJsonApp.class)
        .args(Integer.toString(ROWS), Integer.toString(RUNS), "--wait")
        .start()) {
      String ready = child.awaitStdoutLine(l -> l.startsWith("READY "), Duration.ofSeconds(60));
      String pid = ready.substring("READY ".length()).trim();
      // first attach: the CSV side; its classes are loaded and have run (retransformed)
      ChildResult first = attach(jdk, name + "-first", pid, "stages=" + String.join(";",
          ENTRY, NEXT_RECORD, ITERATOR, GET_BY_NAME, NOTHING, MALFORMED));
      // second attach, agent running: adds the JSON side to the rules in force
      ChildResult second = attach(jdk, name + "-second", pid,
          "stages=" + WRITE_VALUE + ";" + WRITE_END);
      // what the rules wove so far, asked of the running agent
      ChildResult listed = ChildJvm.builder(jdk, name + "-stages")
          .executableJar(ItPaths.agentJar())
          .args("stages", pid)
          .timeout(Duration.ofSeconds(60))
          .run();
      child.writeLine("go");
      ChildResult r = child.awaitExit();
      SoftAssertions soft = new SoftAssertions();
      checkRun(soft, r, work, "(from stages)");
      soft.assertThat(r.perfAgentLines()).as("the second attach says what it added")
          .anyMatch(l -> l.contains("already active in this JVM: added 2 stage rules"));
      soft.assertThat(listed.exitCode()).as("stages PID exit code").isZero();
      soft.assertThat(listed.stdoutText()).as("stages PID, after both attaches").contains(
          "stage rules: 6 of 7 matched (rule → methods woven)",
          "  " + NOTHING + " → matched nothing",
          "  " + WRITE_VALUE
              + " → com.fasterxml.jackson.databind.ObjectMapper.writeValue(File,Object)");
      soft.assertThat(r.perfAgentLines()).as("no second start ignored")
          .noneMatch(l -> l.contains("ignoring the second start"));
      fail(soft, r, "first attach:\n" + first.describe() + "\nsecond attach:\n"
          + second.describe() + "\nstages:\n" + listed.describe());
    }
  }

  private static ChildResult attach(Jdk jdk, String name, String pid, String options) {
    ChildResult a = ChildJvm.builder(jdk, name)
        .executableJar(ItPaths.agentJar())
        .args("attach", pid, options)
        .timeout(Duration.ofSeconds(60))
        .run();
    if (a.exitCode() != 0) {
      throw new AssertionError("attach failed\n" + a.describe());
    }
    return a;
  }

  /** What both runs must show: exit lines, exact counts, true allocation. */
  private static void checkRun(SoftAssertions soft, ChildResult r, Path work,
      String malformedSource) throws IOException {
    soft.assertThat(r.exitCode()).as("exit code").isZero();
    soft.assertThat(r.stdoutText()).as("stdout").contains("DONE");
    soft.assertThat(r.stackTraceLines()).as("stack trace lines on stderr").isEmpty();
    List<String> lines = r.perfAgentLines();

    soft.assertThat(lines.stream().filter(l -> l.contains("bad stage rule")))
        .as("one line for the malformed rule, naming it and where it came from")
        .containsExactly("[perf-agent] bad stage rule '" + MALFORMED + "' " + malformedSource
            + ": expected class#method, e.g. com.acme.Parser#parse; it is ignored, the other "
            + "rules apply");
    soft.assertThat(lines).as("rules heading").contains(
        "[perf-agent] stage rules: 6 of 7 matched (rule → methods woven)");
    soft.assertThat(ruleLine(lines, NOTHING)).isEqualTo(NOTHING + " → matched nothing");
    soft.assertThat(ruleLine(lines, ENTRY))
        .isEqualTo(ENTRY + " → io.perfagent.it.apps.CsvToJsonApp.convert(Path,Path)");
    soft.assertThat(ruleLine(lines, GET_BY_NAME)).as("the overload only, not get(int)")
        .isEqualTo(GET_BY_NAME + " → org.apache.commons.csv.CSVRecord.get(String)");
    soft.assertThat(ruleLine(lines, WRITE_VALUE)).isEqualTo(WRITE_VALUE
        + " → com.fasterxml.jackson.databind.ObjectMapper.writeValue(File,Object)");
    soft.assertThat(ruleLine(lines, ITERATOR)).as("a JDK interface: its implementations "
        + "outside the JDK").contains(
            "org.apache.commons.csv.CSVParser$CSVRecordIterator.next()")
        .doesNotContain(" java.", " jdk.", " sun.");
    soft.assertThat(ruleLine(lines, WRITE_END)).as("a pattern below an abstract class: the "
        + "implementations, two levels down").contains(
            "com.fasterxml.jackson.core.json.UTF8JsonGenerator.writeEndObject()",
            "com.fasterxml.jackson.core.json.UTF8JsonGenerator.writeEndArray()")
        .doesNotContain("writeStart", "core.JsonGenerator.writeEnd");

    long convertAlloc = stdoutNumber(r, "CONVERT_ALLOC ");
    long writeAlloc = stdoutNumber(r, "WRITE_ALLOC ");
    Path file = work.resolve("perf-report/report.json");
    soft.assertThat(file).exists();
    if (!Files.exists(file)) {
      return;
    }
    JsonNode pipeline = null;
    for (JsonNode p : JSON.readTree(Files.readString(file)).path("pipelines")) {
      if (p.path("name").asText().equals("csv2json")) {
        pipeline = p;
      }
    }
    soft.assertThat(pipeline).as("pipeline csv2json in report.json").isNotNull();
    if (pipeline == null) {
      return;
    }
    soft.assertThat(pipeline.path("runs").asInt()).as("runs").isEqualTo(RUNS);
    calls(soft, pipeline, "convert", RUNS);
    // the header line (CSVParser's constructor reads it with nextRecord), each row, the end
    calls(soft, pipeline, "csv.record", RUNS * (ROWS + 2L));
    calls(soft, pipeline, "CSVRecordIterator.next", (long) RUNS * ROWS);
    calls(soft, pipeline, "csv.get", RUNS * ROWS * 3L);
    calls(soft, pipeline, "json.write", RUNS);
    calls(soft, pipeline, "UTF8JsonGenerator.writeEndObject", (long) RUNS * ROWS);
    calls(soft, pipeline, "UTF8JsonGenerator.writeEndArray", RUNS);
    alloc(soft, pipeline, "convert", convertAlloc);
    alloc(soft, pipeline, "json.write", writeAlloc);
  }

  private static String ruleLine(List<String> lines, String rule) {
    String start = "[perf-agent]   " + rule + " → ";
    return lines.stream().filter(l -> l.startsWith(start))
        .map(l -> l.substring("[perf-agent]   ".length())).findFirst()
        .orElse("no exit line for rule " + rule);
  }

  private static JsonNode stage(JsonNode pipeline, String name) {
    for (JsonNode s : pipeline.path("stages")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static void calls(SoftAssertions soft, JsonNode pipeline, String name, long calls) {
    JsonNode s = stage(pipeline, name);
    soft.assertThat(s).as("stage " + name + " in the report").isNotNull();
    if (s != null) {
      soft.assertThat(s.path("calls").asLong()).as("calls of " + name).isEqualTo(calls);
    }
  }

  private static void alloc(SoftAssertions soft, JsonNode pipeline, String name, long truth) {
    JsonNode s = stage(pipeline, name);
    if (s != null) {
      long tolerance = Math.max(truth / 50, 256 * 1024);
      soft.assertThat(s.path("alloc_bytes").asLong())
          .as("bytes allocated in " + name + " against the app's ThreadMXBean figure")
          .isBetween(truth - tolerance, truth + tolerance);
    }
  }

  private static long stdoutNumber(ChildResult r, String prefix) {
    return r.stdoutText().stream().filter(l -> l.startsWith(prefix))
        .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim()))
        .findFirst().orElse(-1);
  }

  private static Path fresh(String name) throws IOException {
    Path work = ItPaths.workDir(name);
    Path report = work.resolve("perf-report");
    if (Files.exists(report)) {
      try (Stream<Path> files = Files.walk(report)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return work;
  }

  private static void fail(SoftAssertions soft, ChildResult r, String more) {
    if (!soft.errorsCollected().isEmpty()) {
      throw new AssertionError(soft.errorsCollected().size() + " failed:\n- "
          + String.join("\n- ", soft.errorsCollected().stream().map(Throwable::getMessage)
              .toList())
          + "\n" + r.describe() + (more == null ? "" : "\n" + more));
    }
  }
}
