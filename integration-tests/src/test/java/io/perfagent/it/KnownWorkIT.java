package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.it.apps.KnownWorkApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import io.perfagent.it.harness.Jdks;
import io.perfagent.it.otlp.MetricQuery;
import io.perfagent.it.otlp.OtlpReceiver;
import io.perfagent.it.otlp.ReceivedEvent;
import io.perfagent.it.otlp.ReceivedMetric;
import io.perfagent.it.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KnownWorkApp} under the agent, once per JDK, exporting over gRPC on the first JDK and
 * OTLP/HTTP on the others (both on the one JDK when only one is found). Every test method
 * asserts one behaviour against the shared run of its JDK.
 */
class KnownWorkIT {

  private static final String SCOPE = "io.perfagent";
  private static final String PIPELINE = "known";
  private static final String APP = KnownWorkApp.class.getName();
  private static final long MIB = 1L << 20;
  private static final long MS = 1_000_000L;
  private static final int CALLS = KnownWorkApp.PER_RECORD_CALLS;

  /** Executor kind → fan-out stage, child stage, whether the child must be on another thread. */
  private static final List<String> FANOUT_KINDS =
      List.of("pool", "scheduled", "fjp", "parallel", "cf", "cf.executor", "thread",
          "subclass");

  /** Every {@code Mode.SPAN} stage called once (task.parallel: 64 times) → its method. */
  private static final Map<String, String> SPAN_STAGES = new LinkedHashMap<>();

  static {
    SPAN_STAGES.put("main", "runPipeline");
    SPAN_STAGES.put("alloc64", "alloc64");
    SPAN_STAGES.put("sleep200", "sleep200");
    SPAN_STAGES.put("spin300", "spin300");
    SPAN_STAGES.put("outer", "outer");
    SPAN_STAGES.put("inner", "inner");
    SPAN_STAGES.put("fanout.pool", "fanoutPool");
    SPAN_STAGES.put("task.pool", "taskPool");
    SPAN_STAGES.put("fanout.scheduled", "fanoutScheduled");
    SPAN_STAGES.put("task.scheduled", "taskScheduled");
    SPAN_STAGES.put("fanout.fjp", "fanoutFjp");
    SPAN_STAGES.put("task.fjp", "taskFjp");
    SPAN_STAGES.put("fanout.parallel", "fanoutParallel");
    SPAN_STAGES.put("task.parallel", "taskParallel");
    SPAN_STAGES.put("fanout.cf", "fanoutCf");
    SPAN_STAGES.put("task.cf", "taskCf");
    SPAN_STAGES.put("fanout.cf.executor", "fanoutCfExecutor");
    SPAN_STAGES.put("task.cf.executor", "taskCfExecutor");
    SPAN_STAGES.put("fanout.thread", "fanoutThread");
    SPAN_STAGES.put("task.thread", "taskThread");
    SPAN_STAGES.put("fail", "fail");
    SPAN_STAGES.put("counted", "counted");
    SPAN_STAGES.put("hot.parent", "hotParent");
  }

  /** One child run: a JDK and the protocol it exports with. */
  record Case(Jdk jdk, String protocol) {
    @Override
    public String toString() {
      return jdk + " " + protocol;
    }
  }

  static Stream<Case> cases() {
    List<Jdk> jdks = Jdks.list();
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(jdks.get(0), OtlpReceiver.GRPC));
    if (jdks.size() == 1) {
      cases.add(new Case(jdks.get(0), OtlpReceiver.HTTP_PROTOBUF));
    }
    for (Jdk jdk : jdks.subList(1, jdks.size())) {
      cases.add(new Case(jdk, OtlpReceiver.HTTP_PROTOBUF));
    }
    return cases.stream();
  }

  static Stream<Arguments> fanouts() {
    return cases().flatMap(c -> FANOUT_KINDS.stream().map(k -> Arguments.of(c, k)));
  }

  // ---------------------------------------------------------------------------------------
  // The shared runs

  private static final Map<Case, Run> RUNS = new ConcurrentHashMap<>();

  private static Run run(Case c) {
    Run r = RUNS.computeIfAbsent(c, Run::execute);
    if (r.failure != null) {
      throw new AssertionError("the shared KnownWorkApp run for " + c + " failed", r.failure);
    }
    return r;
  }

  /** What one child run produced. */
  static final class Run {
    final Case c;
    final String service;
    ChildResult child;
    List<ReceivedSpan> spans = List.of();
    List<ReceivedMetric> metrics = List.of();
    Throwable failure;

    private Run(Case c) {
      this.c = c;
      this.service = "known-work-jdk" + c.jdk().feature() + "-" + ItPaths.safe(c.protocol());
    }

    static Run execute(Case c) {
      Run run = new Run(c);
      try (OtlpReceiver receiver = OtlpReceiver.start(c.protocol())) {
        run.child = ChildJvm.builder(c.jdk(), "KnownWorkIT-" + run.service)
            .agent(ItPaths.agentJar())
            .env(receiver.exporterEnv(run.service))
            .classpath(ItClasspath.apps())
            .mainClass(KnownWorkApp.class)
            .timeout(Duration.ofSeconds(180))
            .run();
        // The agent flushes at exit, so all should be here; allow stragglers a bounded wait.
        receiver.await(() -> complete(receiver),
            Duration.ofSeconds(run.child.exitCode() == 0 ? 15 : 3));
        run.spans = receiver.spans();
        run.metrics = receiver.metrics();
      } catch (Throwable t) {
        run.failure = t;
      }
      return run;
    }

    private static boolean complete(OtlpReceiver receiver) {
      List<ReceivedSpan> spans = receiver.spans();
      boolean root = spans.stream().anyMatch(s -> s.isRoot() && "main".equals(s.attr("perf.stage")));
      boolean hot = spans.stream().anyMatch(s -> "hot.parent".equals(s.stage()));
      ReceivedMetric.Point agg = MetricQuery.single(receiver.metrics(), "perf.stage.duration",
          "perf.stage", "perRecord.agg");
      return root && hot && agg != null && agg.count() >= CALLS;
    }

    List<ReceivedSpan> ofStage(String stage) {
      return spans.stream().filter(s -> stage.equals(s.stage())).toList();
    }

    ReceivedSpan one(String stage) {
      List<ReceivedSpan> found = ofStage(stage);
      if (found.size() != 1) {
        throw new AssertionError("expected exactly one span of stage '" + stage + "', got "
            + found.size() + "\n" + context());
      }
      return found.get(0);
    }

    ReceivedSpan root() {
      return one("main");
    }

    /** For failure messages: the case, the spans (briefly) and the child's output. */
    String context() {
      return "[" + c + "] spans received: " + spans.size() + OtlpReceiver.briefs(
          spans.size() > 150 ? spans.subList(0, 150) : spans)
          + "\n" + (child == null ? "(no child result)" : child.describe());
    }
  }

  // ---------------------------------------------------------------------------------------
  // The tests

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void childRunsToTheEndWithItsBehaviourUnchanged(Case c) {
    Run run = run(c);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(run.child.exitCode()).as("exit code").isZero();
    soft.assertThat(run.child.stdoutText()).as("stdout").contains(
        "CAUGHT boom",
        "CAUGHT_TOP_FRAME " + APP + ".fail",
        "COUNT perRecord.auto=" + CALLS,
        "COUNT perRecord.agg=" + CALLS,
        "DONE");
    soft.assertThat(run.child.stackTraceLines()).as("stack trace lines on stderr").isEmpty();
    soft.assertThat(run.spans).as("spans received over " + c.protocol()).isNotEmpty();
    soft.assertThat(run.metrics).as("metrics received over " + c.protocol()).isNotEmpty();
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyStageCallIsOneSpanUnderOnePipelineRoot(Case c) {
    Run run = run(c);
    ReceivedSpan root = run.root();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(root.name()).as("root span name = pipeline name").isEqualTo(PIPELINE);
    soft.assertThat(root.parentSpanId()).as("root has no parent").isEmpty();
    soft.assertThat(run.spans.stream().filter(ReceivedSpan::isRoot).map(ReceivedSpan::brief))
        .as("root spans").containsExactly(root.brief());
    soft.assertThat(run.spans.stream().filter(s -> !s.traceId().equals(root.traceId()))
        .map(ReceivedSpan::brief)).as("spans outside the root's trace").isEmpty();
    for (String stage : SPAN_STAGES.keySet()) {
      int expected = stage.equals("task.parallel") ? KnownWorkApp.PARALLEL_TASKS : 1;
      soft.assertThat(run.ofStage(stage)).as("spans of stage " + stage).hasSize(expected);
    }
    soft.assertThat(run.ofStage("block")).as("spans of block stage").hasSize(1);
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stageSpansCarryTheSpecifiedAttributes(Case c) {
    Run run = run(c);
    SoftAssertions soft = new SoftAssertions();
    for (Map.Entry<String, String> e : SPAN_STAGES.entrySet()) {
      for (ReceivedSpan s : run.ofStage(e.getKey())) {
        String what = "span of stage " + e.getKey() + " " + s.attributes();
        soft.assertThat(s.name()).as(what + ": name")
            .isEqualTo(e.getKey().equals("main") ? PIPELINE : e.getKey());
        soft.assertThat(s.kind()).as(what + ": kind").isEqualTo("INTERNAL");
        soft.assertThat(s.scopeName()).as(what + ": scope").isEqualTo(SCOPE);
        soft.assertThat(s.resource()).as(what + ": resource")
            .containsEntry("service.name", run.service);
        soft.assertThat(s.attr("perf.stage")).as(what + ": perf.stage").isEqualTo(e.getKey());
        soft.assertThat(s.attr("perf.pipeline")).as(what + ": perf.pipeline").isEqualTo(PIPELINE);
        for (String key : List.of("perf.cpu_ns", "perf.alloc_bytes", "perf.records",
            "perf.bytes", "thread.id")) {
          soft.assertThat(s.attr(key)).as(what + ": " + key).isInstanceOf(Long.class);
          if (s.attr(key) instanceof Long l) {
            soft.assertThat(l).as(what + ": " + key + " >= 0").isNotNegative();
          }
        }
        soft.assertThat(s.attr("perf.cpu_source")).as(what + ": perf.cpu_source")
            .isIn("measured", "sampled");
        soft.assertThat(s.attr("code.function.name")).as(what + ": code.function.name")
            .isEqualTo(APP + "." + e.getValue());
        soft.assertThat(s.attr("thread.name")).as(what + ": thread.name")
            .isInstanceOf(String.class);
        soft.assertThat(s.endEpochNanos()).as(what + ": end >= start")
            .isGreaterThanOrEqualTo(s.startEpochNanos());
      }
    }
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stagesOnTheMainThreadNameIt(Case c) {
    Run run = run(c);
    String mainLine = run.child.stdoutText().stream().filter(l -> l.startsWith("MAIN_THREAD "))
        .findFirst().orElseThrow(() -> new AssertionError("no MAIN_THREAD line\n"
            + run.context()));
    String[] parts = mainLine.split(" ", 3);
    long mainId = Long.parseLong(parts[1]);
    SoftAssertions soft = new SoftAssertions();
    for (String stage : List.of("main", "alloc64", "sleep200", "spin300", "outer", "inner",
        "fail", "counted", "hot.parent")) {
      ReceivedSpan s = run.one(stage);
      soft.assertThat(s.attr("thread.id")).as(stage + " thread.id").isEqualTo(mainId);
      soft.assertThat(s.attr("thread.name")).as(stage + " thread.name").isEqualTo(parts[2]);
    }
    soft.assertThat(run.one("task.thread").attr("thread.name")).as("task.thread thread.name")
        .isEqualTo("known-task-thread");
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void alloc64ReportsSixtyFourMebibytes(Case c) {
    Run run = run(c);
    long alloc = run.one("alloc64").longAttr("perf.alloc_bytes");
    assertThat(alloc).as(run::context).isCloseTo(64 * MIB, within(64 * MIB / 20));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sleep200IsWallTimeWithoutCpu(Case c) {
    Run run = run(c);
    ReceivedSpan s = run.one("sleep200");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(s.durationNanos()).as("sleep200 wall ns").isGreaterThanOrEqualTo(200 * MS);
    soft.assertThat(s.longAttr("perf.cpu_ns")).as("sleep200 cpu ns").isLessThan(20 * MS);
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void spin300IsCpuTime(Case c) {
    Run run = run(c);
    ReceivedSpan s = run.one("spin300");
    long cpu = s.longAttr("perf.cpu_ns");
    long wall = s.durationNanos();
    // What the app itself read from ThreadMXBean around the spin: the truth to compare with.
    String measured = run.child.stdoutText().stream()
        .filter(l -> l.startsWith("MEASURED spin300 ")).findFirst()
        .orElseThrow(() -> new AssertionError("no MEASURED line\n" + run.context()));
    long appCpu = Long.parseLong(measured.replaceAll(".*cpu_ns=(\\d+).*", "$1"));
    long appWall = Long.parseLong(measured.replaceAll(".*wall_ns=(\\d+).*", "$1"));
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(wall).as("spin300 wall ns").isGreaterThanOrEqualTo(300 * MS);
    soft.assertThat(cpu).as("spin300 cpu ns vs the app's own ThreadMXBean reading " + measured)
        .isCloseTo(appCpu, within(appCpu / 10 + 20 * MS));
    // On an idle core a spinning thread's CPU time is its wall time. Only when the machine
    // took the core away (the app's own reading says so) is the 80 % bound not the agent's.
    if (appCpu >= appWall * 9 / 10) {
      soft.assertThat(cpu).as("spin300 cpu ns >= 80% of wall " + wall)
          .isGreaterThanOrEqualTo(wall * 8 / 10);
    }
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void nestedStagesOnOneThreadAreParentAndChild(Case c) {
    Run run = run(c);
    ReceivedSpan root = run.root();
    ReceivedSpan outer = run.one("outer");
    ReceivedSpan inner = run.one("inner");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(outer.parentSpanId()).as("outer's parent is the root")
        .isEqualTo(root.spanId());
    soft.assertThat(inner.parentSpanId()).as("inner's parent is outer").isEqualTo(outer.spanId());
    soft.assertThat(inner.traceId()).as("inner trace").isEqualTo(root.traceId());
    soft.assertThat(inner.attr("thread.id")).as("same thread").isEqualTo(outer.attr("thread.id"));
    soft.assertThat(inner.startEpochNanos()).as("inner starts within outer")
        .isGreaterThanOrEqualTo(outer.startEpochNanos());
    soft.assertThat(inner.endEpochNanos()).as("inner ends within outer")
        .isLessThanOrEqualTo(outer.endEpochNanos());
    soft.assertThat(outer.startEpochNanos()).as("outer starts within the root")
        .isGreaterThanOrEqualTo(root.startEpochNanos());
    soft.assertThat(outer.endEpochNanos()).as("outer ends within the root")
        .isLessThanOrEqualTo(root.endEpochNanos());
    // Every stage called directly by the pipeline method is a child of the root.
    for (String stage : List.of("alloc64", "sleep200", "spin300", "fail", "counted",
        "hot.parent", "block")) {
      soft.assertThat(run.one(stage).parentSpanId()).as(stage + "'s parent is the root")
          .isEqualTo(root.spanId());
    }
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fanouts")
  void workHandedToAnotherThreadKeepsItsParent(Case c, String kind) {
    Run run = run(c);
    ReceivedSpan root = run.root();
    ReceivedSpan fanout = run.one("fanout." + kind);
    List<ReceivedSpan> tasks = run.ofStage("task." + kind);
    int expected = kind.equals("parallel") ? KnownWorkApp.PARALLEL_TASKS : 1;
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(fanout.parentSpanId()).as("fanout." + kind + "'s parent is the root")
        .isEqualTo(root.spanId());
    soft.assertThat(tasks).as("spans of task." + kind).hasSize(expected);
    for (ReceivedSpan task : tasks) {
      soft.assertThat(task.parentSpanId()).as("parent of " + task.brief())
          .isEqualTo(fanout.spanId());
      soft.assertThat(task.traceId()).as("trace of " + task.brief()).isEqualTo(root.traceId());
      soft.assertThat(task.startEpochNanos()).as("start of " + task.brief() + " within fanout")
          .isGreaterThanOrEqualTo(fanout.startEpochNanos());
      if (!kind.equals("parallel")) {
        // The caller of a parallel stream runs some elements itself; every other kind runs
        // the task on a thread of its own.
        soft.assertThat(task.attr("thread.id")).as("thread of " + task.brief())
            .isNotEqualTo(fanout.attr("thread.id"));
      }
    }
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exceptionBecomesErrorStatusAndEvent(Case c) {
    Run run = run(c);
    ReceivedSpan fail = run.one("fail");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(fail.statusCode()).as("status").isEqualTo("ERROR");
    soft.assertThat(fail.attr("error.type")).as("error.type")
        .isEqualTo("java.lang.IllegalStateException");
    List<ReceivedEvent> exceptions =
        fail.events().stream().filter(e -> e.name().equals("exception")).toList();
    soft.assertThat(exceptions).as("exception events").hasSize(1);
    if (exceptions.size() == 1) {
      soft.assertThat(exceptions.get(0).attributes())
          .containsEntry("exception.type", "java.lang.IllegalStateException")
          .containsEntry("exception.message", "boom");
    }
    soft.assertThat(run.root().statusCode()).as("the root, which caught it, is not an error")
        .isNotEqualTo("ERROR");
    soft.assertThat(run.one("sleep200").statusCode()).as("a stage without error")
        .isNotEqualTo("ERROR");
    soft.assertThat(run.child.stdoutText()).as("the app caught the same exception")
        .contains("CAUGHT boom", "CAUGHT_TOP_FRAME " + APP + ".fail");
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void recordsAndBytesAreCreditedToTheirStage(Case c) {
    Run run = run(c);
    ReceivedSpan counted = run.one("counted");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(counted.longAttr("perf.records")).as("perf.records").isEqualTo(1234L);
    soft.assertThat(counted.longAttr("perf.bytes")).as("perf.bytes").isEqualTo(5678L);
    soft.assertThat(run.root().longAttr("perf.records")).as("root records (not credited there)")
        .isZero();
    soft.assertThat(run.one("sleep200").longAttr("perf.bytes")).as("sleep200 bytes").isZero();
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void blockStageIsAChildOfItsEnclosingStage(Case c) {
    Run run = run(c);
    ReceivedSpan block = run.one("block");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(block.name()).isEqualTo("block");
    soft.assertThat(block.parentSpanId()).as("parent").isEqualTo(run.root().spanId());
    soft.assertThat(block.durationNanos()).as("wall ns of a 20 ms sleep")
        .isGreaterThanOrEqualTo(20 * MS);
    soft.assertThat(block.attr("perf.pipeline")).as("perf.pipeline").isEqualTo(PIPELINE);
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void perRecordStagesAreFoldedIntoTheirParentExactly(Case c) {
    Run run = run(c);
    ReceivedSpan parent = run.one("hot.parent");
    List<ReceivedSpan> autoSpans = run.ofStage("perRecord.auto");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(run.ofStage("perRecord.agg")).as("AGGREGATE stage spans").isEmpty();
    soft.assertThat(autoSpans.size()).as("AUTO stage exemplar spans").isLessThanOrEqualTo(300);
    for (ReceivedSpan s : autoSpans) {
      soft.assertThat(s.parentSpanId()).as("parent of exemplar " + s.brief())
          .isEqualTo(parent.spanId());
    }
    for (String stage : List.of("perRecord.auto", "perRecord.agg")) {
      String p = "perf.folded." + stage + ".";
      soft.assertThat(parent.attr(p + "calls"))
          .as(p + "calls: every call, those that became spans included ("
              + run.ofStage(stage).size() + " spans of " + stage + ")")
          .isEqualTo((long) CALLS);
      soft.assertThat(parent.attr(p + "errors")).as(p + "errors").isEqualTo(0L);
      for (String key : List.of("wall_ns", "cpu_ns", "alloc_bytes", "p50_ns", "p99_ns",
          "max_ns")) {
        soft.assertThat(parent.attr(p + key)).as(p + key).isInstanceOf(Long.class);
      }
      if (parent.attr(p + "p50_ns") instanceof Long p50
          && parent.attr(p + "p99_ns") instanceof Long p99
          && parent.attr(p + "max_ns") instanceof Long max
          && parent.attr(p + "wall_ns") instanceof Long wall) {
        soft.assertThat(p50).as(p + "p50_ns <= p99_ns").isLessThanOrEqualTo(p99);
        soft.assertThat(p99).as(p + "p99_ns <= max_ns").isLessThanOrEqualTo(max);
        soft.assertThat(wall).as(p + "wall_ns <= parent wall").isLessThanOrEqualTo(
            parent.durationNanos());
        soft.assertThat(wall).as(p + "wall_ns > 0").isPositive();
      }
      // wall, CPU and allocation are scaled from a sample of timed calls, with a stated error
      if (parent.attr(p + "timed_calls") instanceof Long timed
          && parent.attr(p + "wall_error_ns") instanceof Long error
          && parent.attr(p + "wall_ns") instanceof Long wall) {
        // at random gaps averaging 64: 31,250 expected, about 100 either way; 5 % is 15 times
        soft.assertThat(timed).as(p + "timed_calls: about one call in 64")
            .isBetween((long) CALLS / 64 * 95 / 100, (long) CALLS / 64 * 105 / 100);
        // positive and inside the parent: for a stage of a few ns a handful of timed calls
        // preempted on a busy machine can make the stated error exceed the estimate itself
        // (5.9 ms against 5.1 ms once in CI), which is what an error is for
        soft.assertThat(error).as(p + "wall_error_ns: positive and inside the parent")
            .isPositive().isLessThan(parent.durationNanos());
      } else {
        soft.fail(p + "timed_calls and wall_error_ns missing on " + parent.brief());
      }
    }
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stageMetricsAreExportedWithUnitsAndAttributes(Case c) {
    Run run = run(c);
    List<ReceivedMetric> metrics = run.metrics;
    SoftAssertions soft = new SoftAssertions();
    Map<String, String> units = Map.of(
        "perf.stage.duration", "s",
        "perf.stage.cpu_time", "s",
        "perf.stage.allocated", "By");
    for (String name : List.of("perf.stage.duration", "perf.stage.cpu_time",
        "perf.stage.allocated", "perf.stage.records", "perf.stage.errors")) {
      List<ReceivedMetric> found = MetricQuery.named(metrics, name);
      soft.assertThat(found).as("metric " + name).isNotEmpty();
      for (ReceivedMetric m : found) {
        if (units.containsKey(name)) {
          soft.assertThat(m.unit()).as(name + " unit").isEqualTo(units.get(name));
        }
        soft.assertThat(m.scopeName()).as(name + " scope").isEqualTo(SCOPE);
        soft.assertThat(m.resource()).as(name + " resource")
            .containsEntry("service.name", run.service);
        for (ReceivedMetric.Point p : m.points()) {
          soft.assertThat(p.attributes()).as(name + " point attributes")
              .containsKeys("perf.pipeline", "perf.stage");
        }
      }
    }
    List<ReceivedMetric> durations = MetricQuery.named(metrics, "perf.stage.duration");
    if (!durations.isEmpty()) {
      soft.assertThat(durations.get(0).type()).as("perf.stage.duration type")
          .isIn(ReceivedMetric.Type.HISTOGRAM, ReceivedMetric.Type.EXPONENTIAL_HISTOGRAM);
    }
    ReceivedMetric.Point agg = MetricQuery.single(metrics, "perf.stage.duration", "perf.stage",
        "perRecord.agg");
    soft.assertThat(agg).as("perf.stage.duration point of perRecord.agg").isNotNull();
    if (agg != null) {
      soft.assertThat(agg.count()).as("perf.stage.duration count of perRecord.agg")
          .isEqualTo(CALLS);
      soft.assertThat(agg.attributes()).as("perRecord.agg point attributes")
          .containsEntry("perf.pipeline", PIPELINE);
    }
    ReceivedMetric.Point sleep = MetricQuery.single(metrics, "perf.stage.duration", "perf.stage",
        "sleep200");
    soft.assertThat(sleep).as("perf.stage.duration point of sleep200").isNotNull();
    if (sleep != null) {
      soft.assertThat(sleep.count()).as("sleep200 count").isEqualTo(1);
      soft.assertThat(sleep.sum()).as("sleep200 seconds").isGreaterThanOrEqualTo(0.2);
    }
    ReceivedMetric.Point records = MetricQuery.single(metrics, "perf.stage.records",
        "perf.stage", "counted");
    soft.assertThat(records).as("perf.stage.records point of counted").isNotNull();
    if (records != null) {
      soft.assertThat(records.value() != null ? records.value().doubleValue() : records.sum())
          .as("records of counted").isEqualTo(1234.0);
    }
    ReceivedMetric.Point errors = MetricQuery.single(metrics, "perf.stage.errors",
        "perf.stage", "fail");
    soft.assertThat(errors).as("perf.stage.errors point of fail").isNotNull();
    if (errors != null) {
      soft.assertThat(errors.valueOrCount()).as("errors of fail").isEqualTo(1.0);
    }
    ReceivedMetric.Point alloc = MetricQuery.single(metrics, "perf.stage.allocated",
        "perf.stage", "alloc64");
    soft.assertThat(alloc).as("perf.stage.allocated point of alloc64").isNotNull();
    if (alloc != null) {
      double bytes = alloc.value() != null ? alloc.value().doubleValue() : alloc.sum();
      soft.assertThat(bytes).as("allocated bytes of alloc64")
          .isCloseTo(64.0 * MIB, within(64.0 * MIB / 20));
    }
    assertAll(soft, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitSummaryListsEachStageWithItsCalls(Case c) {
    Run run = run(c);
    List<String> lines = run.child.perfAgentLines();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(lines).as("[perf-agent] lines on stderr").isNotEmpty();
    Map<String, Long> calls = new LinkedHashMap<>();
    calls.put("alloc64", 1L);
    calls.put("sleep200", 1L);
    calls.put("spin300", 1L);
    calls.put("fail", 1L);
    calls.put("task.parallel", (long) KnownWorkApp.PARALLEL_TASKS);
    calls.put("perRecord.auto", (long) CALLS);
    calls.put("perRecord.agg", (long) CALLS);
    for (Map.Entry<String, Long> e : calls.entrySet()) {
      List<String> forStage = SummaryLines.forStage(lines, e.getKey());
      soft.assertThat(forStage).as("summary lines naming " + e.getKey()).isNotEmpty();
      soft.assertThat(forStage.stream().anyMatch(l -> SummaryLines.showsCount(l, e.getValue())))
          .as("a summary line naming " + e.getKey() + " shows its " + e.getValue() + " calls: "
              + forStage)
          .isTrue();
    }
    assertAll(soft, run);
  }

  private static void assertAll(SoftAssertions soft, Run run) {
    if (!soft.errorsCollected().isEmpty()) {
      List<String> messages = new ArrayList<>();
      for (Throwable t : soft.errorsCollected()) {
        messages.add(t.getMessage());
      }
      throw new AssertionError(messages.size() + " failed:\n- "
          + String.join("\n- ", messages) + "\n\n" + run.context());
    }
  }

}
