package io.perfagent.it.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfagent.it.apps.RunHistoryApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A history of pipeline {@code orders} built by child JVMs under the real perf.jar running
 * {@link RunHistoryApp}, exported to an {@link AnalyzerProcess}, and what the analyzer's
 * {@code /api/regressions} and {@code /api/alerts} say about it.
 */
public final class RunHistory {

  /** The pipeline {@link RunHistoryApp} runs. */
  public static final String PIPELINE = "orders";

  private RunHistory() {}

  /**
   * Runs the pipeline once per sleep (milliseconds, comma-separated) in a child JVM named
   * {@code name} under perf.jar, exporting to the analyzer as service {@code service}; returns
   * when the JVM has exited (0).
   */
  public static void feed(AnalyzerProcess analyzer, String name, String service, String sleeps) {
    ChildResult r = ChildJvm.builder(Jdks.current(), name)
        .agent(ItPaths.agentJar(), "summary=off,report=off")
        .env(analyzer.exporterEnv(service))
        .classpath(ItClasspath.apps()).mainClass(RunHistoryApp.class)
        .args(sleeps, "400", "1000").run();
    assertThat(r.exitCode()).as(r::describe).isZero();
  }

  /** The pipeline's run ids, oldest first, once the analyzer holds {@code n}. */
  public static List<String> runIds(AnalyzerProcess analyzer, int n, Duration wait) {
    JsonNode runs = analyzer.awaitJson("/api/pipelines/" + PIPELINE + "/runs?limit=100",
        j -> j.path("total").asInt() == n, wait);
    List<String> ids = new ArrayList<>();
    for (JsonNode run : runs.path("runs")) {
      ids.add(run.path("id").asText());
    }
    Collections.reverse(ids);
    return ids;
  }

  /** The alerts of an {@code /api/alerts} answer about {@code subject}, in its order. */
  public static List<JsonNode> alertsOf(JsonNode answer, String subject) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : answer.path("alerts")) {
      if (a.path("subject").asText().equals(subject)) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The one finding of an {@code /api/regressions} answer about stage {@code stage}'s
   * {@code metric} in {@code direction} ({@code regression} or {@code improvement}); null when
   * there is none, a failure when there are several.
   */
  public static JsonNode finding(JsonNode answer, String stage, String metric,
      String direction) {
    JsonNode found = null;
    for (JsonNode f : answer.path("regressions")) {
      if (f.path("stage").asText().equals(stage) && f.path("metric").asText().equals(metric)
          && f.path("direction").asText().equals(direction)) {
        assertThat(found).as("one %s of %s %s: %s", direction, stage, metric, answer).isNull();
        found = f;
      }
    }
    return found;
  }

  /** The only element of {@code nodes}. */
  public static JsonNode single(List<JsonNode> nodes) {
    assertThat(nodes).hasSize(1);
    return nodes.get(0);
  }
}
