package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.apps.OtelPipelineApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import io.perfagent.it.harness.Jdks;
import io.perfagent.it.otlp.OtlpReceiver;
import io.perfagent.it.otlp.ReceivedMetric;
import io.perfagent.it.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * perf-otel-extension inside the real upstream OpenTelemetry agent (the release under test on
 * every JDK, the release before it on the current JDK): {@link OtelPipelineApp}'s stages
 * arrive at a real OTLP receiver as the agent's spans with true {@code perf.*} figures, the
 * agent's HTTP client span nests under the stage that made the call, a stage run on a pool
 * thread keeps its parent through the agent's executor instrumentation, a folded stage is
 * counted exactly on its parent (its calls from a second class loader, whose helper copy is
 * its own, with the first's), and the stage and resource metrics come through the agent's
 * meter provider. The same app under perf.jar makes the same stage tree; with
 * {@code otel.instrumentation.perf.enabled=false} nothing of ours runs.
 */
class OtelExtensionIT {

  private static final String PERF_SCOPE = "io.perfagent";
  private static final long MIB_64 = 64L << 20;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long ENRICH_CALLS =
      OtelPipelineApp.RECORDS + OtelPipelineApp.TWIN_RECORDS;
  /** The stage spans of the app, by stage. */
  private static final List<String> STAGES = List.of("otel.run", "otel.load", "otel.wait",
      "otel.fetch", "otel.hop", "otel.fail");

  static Stream<Arguments> agents() {
    List<String> versions = ItPaths.otelAgentVersions();
    Stream<Arguments> newest = Jdks.all().map(jdk -> Arguments.of(jdk, versions.get(0)));
    Stream<Arguments> older = versions.stream().skip(1)
        .map(v -> Arguments.of(Jdks.current(), v));
    return Stream.concat(newest, older);
  }

  @ParameterizedTest(name = "{0}, agent {1}")
  @MethodSource("agents")
  void stagesAreTheAgentsSpansWithTrueFigures(Jdk jdk, String agentVersion) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start(OtlpReceiver.HTTP_PROTOBUF)) {
      ChildResult run = underOtelAgent(jdk, agentVersion, receiver, "stages", true);
      assertThat(run.exitCode()).as(run::describe).isZero();
      assertThat(run.stdoutText()).as(run::describe).contains("BOOTSTRAP present")
          .anyMatch(l -> l.matches("TRACEPARENT 00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
      assertThat(run.stackTraceLines()).as(run::describe).isEmpty();

      List<ReceivedSpan> spans = receiver.awaitSpans(l -> hasStages(l) && hasClientUnderFetch(l),
          WAIT);
      Map<String, ReceivedSpan> stage = stageSpans(spans);
      ReceivedSpan root = stage.get("otel.run");
      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(root.name()).as("a pipeline entry is named after its pipeline")
          .isEqualTo("otelpipe");
      soft.assertThat(root.isRoot()).isTrue();
      soft.assertThat(run.stdoutText()).as("Perf.traceparent() names the root's span")
          .contains("TRACEPARENT 00-" + root.traceId() + "-" + root.spanId() + "-01");
      for (String s : STAGES) {
        ReceivedSpan span = stage.get(s);
        soft.assertThat(span.traceId()).as(s).isEqualTo(root.traceId());
        soft.assertThat(span.stringAttr("perf.pipeline")).as(s).isEqualTo("otelpipe");
        soft.assertThat(span.stringAttr("perf.stage")).as(s).isEqualTo(s);
        if (!s.equals("otel.run")) {
          soft.assertThat(span.parentSpanId()).as(s + " under the root")
              .isEqualTo(root.spanId());
        }
      }

      ReceivedSpan load = stage.get("otel.load");
      soft.assertThat(load.longAttr("perf.alloc_bytes")).as("64 MiB allocated")
          .isBetween(MIB_64, MIB_64 + (4L << 20));
      soft.assertThat(load.longAttr("perf.records")).isEqualTo(1_000);
      soft.assertThat(load.longAttr("perf.bytes")).isEqualTo(4_096);

      ReceivedSpan wait = stage.get("otel.wait");
      soft.assertThat(wait.durationNanos()).as("a 200 ms sleep").isGreaterThanOrEqualTo(
          200_000_000L);
      soft.assertThat(wait.longAttr("perf.cpu_ns")).as("sleeping costs little CPU")
          .isLessThan(wait.durationNanos() / 4);
      soft.assertThat(wait.stringAttr("perf.cpu_source")).isIn("measured", "sampled");
      soft.assertThat(wait.longAttr("perf.alloc_bytes")).isLessThan(1L << 20);

      ReceivedSpan hop = stage.get("otel.hop");
      soft.assertThat(hop.stringAttr("thread.name")).as("ran on the pool's thread")
          .isNotEqualTo(root.stringAttr("thread.name"));

      ReceivedSpan failed = stage.get("otel.fail");
      soft.assertThat(failed.statusCode()).as("a stage that threw").contains("ERROR");
      soft.assertThat(failed.statusMessage()).isEqualTo("bad record 7");
      soft.assertThat(failed.stringAttr("error.type"))
          .isEqualTo(IllegalStateException.class.getName());
      soft.assertThat(failed.events()).anyMatch(e -> e.name().equals("exception"));

      ReceivedSpan client = clientUnderFetch(spans);
      soft.assertThat(client.scopeName()).as("the agent's own HTTP client span")
          .doesNotStartWith(PERF_SCOPE);

      soft.assertThat(root.longAttr("perf.folded.otel.enrich.calls"))
          .as("folded, exactly, the second class loader's calls with the first's")
          .isEqualTo(ENRICH_CALLS);
      soft.assertThat(root.longAttr("perf.folded.otel.enrich.records")).isEqualTo(ENRICH_CALLS);
      soft.assertThat(root.longAttr("perf.folded.otel.enrich.errors")).isZero();
      soft.assertThat(spans.stream().filter(s -> "otel.enrich".equals(s.attr("perf.stage"))
          && s.attr("perf.exemplar") == null)).as("folded calls make no spans but exemplars")
          .isEmpty();

      List<ReceivedMetric> metrics = receiver.awaitMetrics(
          m -> enrichCount(m) == ENRICH_CALLS && has(m, "io.perfagent.resources",
              "perf.sampler.duration") && has(m, "io.perfagent.resources", "jvm.memory.used"),
          WAIT);
      soft.assertThat(metrics.stream().filter(m -> m.scopeName().equals(PERF_SCOPE))
          .map(ReceivedMetric::name).distinct())
          .contains("perf.stage.duration", "perf.stage.records");
      soft.assertAll();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void theSameStageTreeAsUnderPerfJar(Jdk jdk) throws Exception {
    Set<String> inAgent;
    try (OtlpReceiver receiver = OtlpReceiver.start(OtlpReceiver.HTTP_PROTOBUF)) {
      ChildResult run = underOtelAgent(jdk, ItPaths.otelAgentVersions().get(0), receiver,
          "tree", true);
      assertThat(run.exitCode()).as(run::describe).isZero();
      inAgent = tree(receiver.awaitSpans(OtelExtensionIT::hasStages, WAIT));
    }
    Set<String> inPerfJar;
    try (OtlpReceiver receiver = OtlpReceiver.start(OtlpReceiver.HTTP_PROTOBUF)) {
      ChildResult run = ChildJvm.builder(jdk, "OtelExtensionIT-perfjar-jdk" + jdk.feature())
          .agent(ItPaths.agentJar(), "sample=off,report=off")
          .env(receiver.exporterEnv("otel-ext-perfjar"))
          .classpath(ItClasspath.apps()).mainClass(OtelPipelineApp.class).args("0").run();
      assertThat(run.exitCode()).as(run::describe).isZero();
      inPerfJar = tree(receiver.awaitSpans(OtelExtensionIT::hasStages, WAIT));
    }
    assertThat(inAgent).as("stage → parent stage").isEqualTo(inPerfJar)
        .contains("otel.hop -> otel.run", "otel.fetch -> otel.run", "otel.run -> (root)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void switchedOffNothingOfOursRuns(Jdk jdk) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start(OtlpReceiver.HTTP_PROTOBUF)) {
      ChildResult run = underOtelAgent(jdk, ItPaths.otelAgentVersions().get(0), receiver,
          "off", false);
      assertThat(run.exitCode()).as(run::describe).isZero();
      assertThat(run.stdoutText()).as("not woven: the API answers as without an agent")
          .contains("TRACEPARENT null", "BOOTSTRAP absent");
      // the agent itself still runs: its HTTP spans arrive, ours do not
      List<ReceivedSpan> spans = receiver.awaitSpans(l -> l.stream()
          .anyMatch(s -> s.kind().contains("CLIENT")), WAIT);
      receiver.await(() -> receiver.metrics().stream()
          .anyMatch(m -> m.name().startsWith("jvm.")), WAIT);
      assertThat(spans).noneMatch(s -> s.scopeName().startsWith(PERF_SCOPE));
      assertThat(receiver.metrics()).noneMatch(m -> m.scopeName().startsWith(PERF_SCOPE));
      assertThat(run.stderr()).doesNotContain("[perf-agent]");
    }
  }

  private static ChildResult underOtelAgent(Jdk jdk, String agentVersion,
      OtlpReceiver receiver, String what, boolean enabled) {
    return ChildJvm.builder(jdk, "OtelExtensionIT-" + what + "-jdk" + jdk.feature() + "-"
            + agentVersion)
        .jvmArg("-javaagent:" + ItPaths.otelAgentJar(agentVersion))
        .sysProp("otel.javaagent.extensions", ItPaths.otelExtensionJar().toString())
        .sysProp("otel.instrumentation.perf.enabled", Boolean.toString(enabled))
        .sysProp("otel.instrumentation.perf.sample.interval", "200ms")
        .env(receiver.exporterEnv("otel-ext"))
        .env("OTEL_LOGS_EXPORTER", "none")
        .classpath(ItClasspath.apps()).mainClass(OtelPipelineApp.class).args("1500").run();
  }

  /** Each stage's span (not a folded call's exemplar). */
  private static Map<String, ReceivedSpan> stageSpans(List<ReceivedSpan> spans) {
    Map<String, ReceivedSpan> out = new HashMap<>();
    for (ReceivedSpan s : spans) {
      if (s.scopeName().equals(PERF_SCOPE) && s.attr("perf.exemplar") == null
          && s.attr("perf.stage") instanceof String stage) {
        out.put(stage, s);
      }
    }
    return out;
  }

  private static boolean hasStages(List<ReceivedSpan> spans) {
    return stageSpans(spans).keySet().containsAll(STAGES);
  }

  private static boolean hasClientUnderFetch(List<ReceivedSpan> spans) {
    ReceivedSpan fetch = stageSpans(spans).get("otel.fetch");
    return fetch != null && spans.stream().anyMatch(s -> s.kind().contains("CLIENT")
        && s.parentSpanId().equals(fetch.spanId()));
  }

  private static ReceivedSpan clientUnderFetch(List<ReceivedSpan> spans) {
    ReceivedSpan fetch = stageSpans(spans).get("otel.fetch");
    return spans.stream().filter(s -> s.kind().contains("CLIENT")
        && s.parentSpanId().equals(fetch.spanId())).findFirst().orElseThrow();
  }

  /** "stage -> parent stage" for every stage span, the parent looked up among our spans. */
  private static Set<String> tree(List<ReceivedSpan> spans) {
    Map<String, ReceivedSpan> byId = new HashMap<>();
    for (ReceivedSpan s : spans) {
      byId.put(s.spanId(), s);
    }
    Set<String> edges = new TreeSet<>();
    for (ReceivedSpan s : stageSpans(spans).values()) {
      ReceivedSpan parent = byId.get(s.parentSpanId());
      edges.add(s.stage() + " -> " + (parent == null ? "(root)" : parent.stage()));
    }
    return edges;
  }

  /** The call count of the folded stage's duration histogram, or -1. */
  private static long enrichCount(List<ReceivedMetric> metrics) {
    long count = -1;
    for (ReceivedMetric m : metrics) {
      if (m.name().equals("perf.stage.duration")) {
        for (ReceivedMetric.Point p : m.points()) {
          if ("otel.enrich".equals(p.attributes().get("perf.stage"))) {
            count = p.count(); // cumulative: the last one received is the latest
          }
        }
      }
    }
    return count;
  }

  private static boolean has(List<ReceivedMetric> metrics, String scope, String name) {
    return metrics.stream().anyMatch(m -> m.scopeName().equals(scope) && m.name().equals(name));
  }
}
