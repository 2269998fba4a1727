package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfagent.it.analyzer.AnalyzerProcess;
import io.perfagent.it.apps.SocketPipelineApp;
import io.perfagent.it.collector.LoadBalancedTier;
import io.perfagent.it.collector.OtlpJsonSpans;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The scale-out tier of {@code collector-config/otelcol-loadbalancing.yaml}, all real
 * programs ({@link LoadBalancedTier}): two JVMs under perf.jar run many runs of one pipeline,
 * each run crossing both (the traceparent handed over a TCP socket), exporting to the
 * collector, which routes the traces by trace ID over two analyzers on one PostgreSQL and
 * sends the metrics to both.
 *
 * <ul>
 *   <li>Every run is analysed exactly once (one stored version, the two analyzers' counts add
 *       up to the runs), complete (all 7 spans of both JVMs: none split between the
 *       analyzers), and either analyzer's API lists them all.
 *   <li>One analyzer killed (SIGKILL) mid-stream and restarted on the same address: only the
 *       runs it held unstored when it died can be lost or incomplete; every run after that
 *       waited in the collector's sending queue and is stored whole (some only in a second
 *       version: the queued batches come back in no set order); the history is intact and
 *       the restarted analyzer takes its share again.
 * </ul>
 * Without Go or PostgreSQL the tests are skipped with one line (failed under {@code CI=true}).
 */
class LoadBalancedAnalyzersIT {

  private static final String PIPELINE = "sock";

  @Test
  void everyRunIsAnalysedOnceWholeByOneOfTwoAnalyzers() throws Exception {
    String tag = "LoadBalancedAnalyzersIT-share";
    int runs = 40;
    try (LoadBalancedTier tier = LoadBalancedTier.start(tag)) {
      Pair pair = Pair.start(tier, tag, runs, 50);
      List<String> ids = pair.finish();
      assertThat(new HashSet<>(ids)).as("one trace per run").hasSize(runs);

      for (int i = 0; i < 2; i++) {
        int a = i;
        await(() -> tier.storedRuns(a, PIPELINE).size() == runs, Duration.ofSeconds(120),
            () -> "analyzer " + a + " lists " + tier.storedRuns(a, PIPELINE).size() + " of "
                + runs);
        assertThat(tier.storedRuns(i, PIPELINE)).as("either analyzer lists every run")
            .containsExactlyInAnyOrderElementsOf(ids);
      }
      int spans = 0;
      for (String id : ids) {
        JsonNode run = tier.analyzer(0).getJson("/api/runs/" + id);
        assertThat(run.path("spans").asInt()).as("run %s whole", id)
            .isEqualTo(SocketPipelineApp.SPANS_PER_RUN);
        assertThat(run.path("version").asInt()).as("run %s never split into two analyses", id)
            .isEqualTo(1);
        assertThat(run.path("instances")).as("run %s from both JVMs", id).hasSize(2);
        assertThat(tier.analyzer(1).getJson("/api/runs/" + id)).isEqualTo(run);
        spans += run.path("spans").asInt();
      }
      double a = tier.analyzer(0).metric("perf_analyzer_runs_analysed_total");
      double b = tier.analyzer(1).metric("perf_analyzer_runs_analysed_total");
      assertThat(a + b).as("each run analysed exactly once").isEqualTo(runs);
      assertThat(a).as("A's share").isPositive();
      assertThat(b).as("B's share").isPositive();
      for (int i = 0; i < 2; i++) {
        assertThat(tier.analyzer(i).metric("perf_analyzer_metric_points_received_total"))
            .as("analyzer %d gets every agent's metrics", i).isPositive();
      }
      JsonNode trace = tier.jaeger().awaitTrace(ids.get(0),
          n -> OtlpJsonSpans.of(n).size() == SocketPipelineApp.SPANS_PER_RUN,
          Duration.ofSeconds(60));
      assertThat(OtlpJsonSpans.of(trace)).extracting(OtlpJsonSpans.Span::service)
          .containsOnly("sock-coordinator", "sock-worker");
      System.out.printf("[%s] %d runs, %d spans; analyzer A analysed %d (%.0f %%), "
          + "B %d (%.0f %%)%n", tag, runs, spans, (long) a, 100 * a / runs, (long) b,
          100 * b / runs);
    }
  }

  @Test
  void anAnalyzerKilledMidStreamLosesAtMostTheRunsItHeld() throws Exception {
    String tag = "LoadBalancedAnalyzersIT-kill";
    int runs = 60;
    try (LoadBalancedTier tier = LoadBalancedTier.start(tag)) {
      Pair pair = Pair.start(tier, tag, runs, 100);
      await(() -> tier.analyzer(0).metric("perf_analyzer_runs_analysed_total") >= 2,
          Duration.ofSeconds(120), () -> "analyzer A never stored 2 runs");
      tier.kill(0);
      // every run that had started when A died has printed its line by now, or will be
      // counted among the later ones (a looser bound, never a wrong one)
      Map<Integer, String> startedByKill = pair.runsSoFar();
      Set<String> storedAtKill = tier.storedRuns(1, PIPELINE);
      List<String> inFlight = new ArrayList<>();
      startedByKill.values().forEach(id -> {
        if (!storedAtKill.contains(id)) {
          inFlight.add(id);
        }
      });
      // data routed to A now waits in the collector's sending queue, retried
      tier.collector().process().awaitLine(l -> l.contains("Exporting failed"),
          Duration.ofSeconds(60));
      AnalyzerProcess restarted = tier.restart(0);
      List<String> ids = pair.finish();
      assertThat(new HashSet<>(ids)).hasSize(runs);

      List<String> mustBeWhole = new ArrayList<>(ids);
      mustBeWhole.removeAll(inFlight);
      await(() -> tier.storedRuns(1, PIPELINE).containsAll(mustBeWhole),
          Duration.ofSeconds(180), () -> "stored: " + tier.storedRuns(1, PIPELINE).size()
              + ", must be: " + mustBeWhole.size());
      // let what A may still assemble from the in-flight runs settle: nothing queued and no
      // run analysed for three quiet periods. A trace may stay open: spans of a run whose root
      // A lost with its memory wait for a root that never comes (dropped after 10 minutes)
      await(() -> settled(tier), Duration.ofSeconds(90), () -> "the analyzers never settled");

      Set<String> storedA = tier.storedRuns(0, PIPELINE);
      Set<String> storedB = tier.storedRuns(1, PIPELINE);
      assertThat(storedA).as("the restarted analyzer reads the same history").isEqualTo(storedB);
      assertThat(ids).containsAll(storedB);
      int incomplete = 0;
      int reanalysed = 0;
      for (String id : storedB) {
        JsonNode run = restarted.getJson("/api/runs/" + id);
        assertThat(tier.analyzer(1).getJson("/api/runs/" + id)).isEqualTo(run);
        if (run.path("spans").asInt() != SocketPipelineApp.SPANS_PER_RUN) {
          assertThat(inFlight).as("only a run A held when it died may be incomplete: %s", run)
              .contains(id);
          incomplete++;
        } else if (run.path("version").asInt() > 1) {
          // after the outage the collector redelivers A's queued batches in no set order,
          // retried 1-5 s apart: a run's two JVMs' batches can come further apart than the
          // quiet period, so it is analysed first in part, then whole as its next version
          reanalysed++;
        }
      }
      List<String> lost = new ArrayList<>(ids);
      lost.removeAll(storedB);
      assertThat(inFlight).as("only runs A held when it died may be lost").containsAll(lost);
      assertThat(restarted.metric("perf_analyzer_runs_analysed_total"))
          .as("runs resume on the restarted analyzer").isPositive();
      System.out.printf("[%s] %d runs; at the kill %d had started, %d of them not yet stored;"
          + " lost %d, stored incomplete %d, stored whole %d (%d of them whole only in a "
          + "second version); the restarted analyzer analysed %d run versions%n", tag, runs,
          startedByKill.size(), inFlight.size(), lost.size(), incomplete,
          storedB.size() - incomplete, reanalysed,
          (long) restarted.metric("perf_analyzer_runs_analysed_total"));
    }
  }

  private static double queued(AnalyzerProcess a) {
    return a.metric("perf_analyzer_analysis_queue_runs")
        + a.metric("perf_analyzer_ingest_queue_spans");
  }

  private static double analysed(LoadBalancedTier tier) {
    return tier.analyzer(0).metric("perf_analyzer_runs_analysed_total")
        + tier.analyzer(1).metric("perf_analyzer_runs_analysed_total");
  }

  /** Nothing queued, and no run analysed over three quiet periods (6 s). */
  private static boolean settled(LoadBalancedTier tier) {
    double before = analysed(tier);
    try {
      Thread.sleep(6_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
    return queued(tier.analyzer(0)) == 0 && queued(tier.analyzer(1)) == 0
        && analysed(tier) == before;
  }

  private static void await(BooleanSupplier done, Duration timeout,
      java.util.function.Supplier<String> why) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + why.get());
      }
      Thread.sleep(250);
    }
  }

  /** A worker and a coordinator JVM of {@link SocketPipelineApp} exporting to the tier. */
  private record Pair(ChildJvm.Running worker, ChildJvm.Running coordinator) {

    static Pair start(LoadBalancedTier tier, String tag, int runs, long pauseMillis) {
      ChildJvm.Running worker = ChildJvm.builder(Jdks.current(), tag + "-worker")
          .agent(ItPaths.agentJar(), "summary=off,report=off")
          .env(tier.collector().exporterEnv("sock-worker", false))
          .classpath(ItClasspath.apps()).mainClass(SocketPipelineApp.class)
          .args("worker").timeout(Duration.ofMinutes(5)).start();
      String port = worker.awaitStdoutLine(l -> l.startsWith("LISTENING "),
          Duration.ofSeconds(60)).substring("LISTENING ".length());
      ChildJvm.Running coordinator = ChildJvm.builder(Jdks.current(), tag + "-coordinator")
          .agent(ItPaths.agentJar(), "summary=off,report=off")
          .env(tier.collector().exporterEnv("sock-coordinator", true))
          .classpath(ItClasspath.apps()).mainClass(SocketPipelineApp.class)
          .args("coordinator", port, Integer.toString(runs), Long.toString(pauseMillis))
          .timeout(Duration.ofMinutes(5)).start();
      return new Pair(worker, coordinator);
    }

    /** The runs started so far: index to trace id. */
    Map<Integer, String> runsSoFar() {
      Map<Integer, String> out = new LinkedHashMap<>();
      for (String l : coordinator.stdoutLines()) {
        if (l.startsWith("RUN ")) {
          String[] f = l.split(" ");
          out.put(Integer.parseInt(f[1]), f[2]);
        }
      }
      return out;
    }

    /** Waits for both to exit cleanly; the trace ids of the runs, in order. */
    List<String> finish() {
      ChildResult c = coordinator.awaitExit();
      assertThat(c.exitCode()).as(c::describe).isZero();
      ChildResult w = worker.awaitExit();
      assertThat(w.exitCode()).as(w::describe).isZero();
      return new ArrayList<>(runsSoFar().values());
    }
  }
}
