package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.apps.ShapesApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pipeline shapes besides a batch root with a per-record stage under it ({@link ShapesApp}),
 * each with exact call counts, one run per root, bounded spans and nothing dropped:
 * <ul>
 *   <li>a streaming loop with no enclosing stage: before, every call became a root span of its
 *       own and nearly all were dropped ("4,958,080 calls dropped; pipeline onRecord, 41920
 *       runs"); now its calls fold into per-thread windows, the runs of the stream;
 *   <li>a thousand threads started from a root, each calling a per-record stage: before, each
 *       thread's first 64 calls became spans (64,000 spans; the bound then dropped the root:
 *       "no pipeline runs were recorded"); now the fold decision is the parent's;
 *   <li>tasks on virtual threads (JDK 21+): before, no context crossed to a virtual thread, and
 *       each task was a one-call "run" of a pipeline named after it; the same for subtasks
 *       forked in a {@code StructuredTaskScope} (JDK 25).
 * </ul>
 */
class PipelineShapesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void aStreamingLoopFoldsIntoWindowsWithEveryCallCounted(Jdk jdk) throws IOException {
    long calls = 400_000;
    int rounds = 5;
    String name = "PipelineShapesIT-stream-" + jdk.feature();
    // bursts 150 ms apart, windows of 100 ms: a window closes in each burst after the first
    ChildResult r = run(jdk, name, "fold.window=100ms", "stream", calls, rounds, 150);
    JsonNode report = report(name);
    JsonNode stream = pipeline(report, "onRecord");
    assertThat(pipelineNames(report)).as("one pipeline: the stream").containsExactly("onRecord");
    int windows = stream.path("runs").asInt();
    assertThat(windows).as("the windows are the stream's runs").isBetween(rounds, 4 * rounds);
    assertThat(stage(stream, "stream window").path("calls").asLong()).isEqualTo(windows);
    assertThat(stage(stream, "onRecord").path("calls").asLong()).as("every call")
        .isEqualTo(calls * rounds);
    JsonNode agent = report.path("agent");
    // each window holds at most 64 candidate spans (only the first has any) and 5 exemplars
    assertThat(agent.path("report_spans").asLong()).as("spans bounded by windows, not calls")
        .isLessThanOrEqualTo(windows * (1L + 5) + 64);
    assertThat(agent.path("dropped_spans").asLong()).isZero();
    assertThat(r.stderr()).as(r.describe()).contains("nothing dropped");
    assertThat(r.perfAgentLines()).as("the exit table: every call")
        .anyMatch(l -> l.matches("\\[perf-agent\\]\\s+onRecord\\s+" + calls * rounds + "\\s.*"));
  }

  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void threadsFromOneRootFoldPerParentNotPerThread(Jdk jdk) throws IOException {
    int threads = 1000;
    int calls = 500;
    String name = "PipelineShapesIT-threads-" + jdk.feature();
    ChildResult r = run(jdk, name, null, "threads", threads, calls);
    JsonNode report = report(name);
    assertThat(pipelineNames(report)).containsExactly("threads");
    JsonNode p = pipeline(report, "threads");
    assertThat(p.path("runs").asInt()).as("one run per root").isEqualTo(1);
    assertThat(stage(p, "perRecord").path("calls").asLong()).as("every call")
        .isEqualTo((long) threads * calls);
    JsonNode agent = report.path("agent");
    // the root, fold.threshold spans over all threads (a few more: threads racing past the
    // shared count), and the parent's 5 exemplars
    assertThat(agent.path("report_spans").asLong()).as("spans bounded per parent")
        .isLessThanOrEqualTo(1 + 64 + 5 + 16);
    assertThat(r.stderr()).as(r.describe()).contains("nothing dropped");
  }

  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void virtualThreadsCarryTheirParent(Jdk jdk) throws IOException {
    Assumptions.assumeTrue(jdk.feature() >= 21, "virtual threads need JDK 21+");
    int tasks = 20_000;
    String name = "PipelineShapesIT-vthreads-" + jdk.feature();
    ChildResult r = run(jdk, name, null, "vthreads", tasks);
    JsonNode report = report(name);
    assertThat(pipelineNames(report)).as("no pipeline named after the task")
        .containsExactlyInAnyOrder("vthreads", "vthreads-builder");
    JsonNode executor = pipeline(report, "vthreads");
    JsonNode builder = pipeline(report, "vthreads-builder");
    assertThat(executor.path("runs").asInt()).isEqualTo(1);
    assertThat(builder.path("runs").asInt()).isEqualTo(1);
    assertThat(stage(executor, "task").path("calls").asLong())
        .as("newVirtualThreadPerTaskExecutor").isEqualTo(tasks);
    assertThat(stage(builder, "task").path("calls").asLong()).as("Thread.ofVirtual().start")
        .isEqualTo(tasks / 10);
    // "nothing dropped", or a drop line whose task contexts are 0
    assertThat(r.stderr()).as(r.describe()).doesNotContainPattern("\\b[1-9][0-9]* task contexts");
  }

  @ParameterizedTest
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void structuredTaskScopeSubtasksCarryTheirParent(Jdk jdk) throws IOException {
    Assumptions.assumeTrue(jdk.feature() >= 25, "StructuredTaskScope.open() is JDK 25's");
    int tasks = 2_000;
    String name = "PipelineShapesIT-scope-" + jdk.feature();
    ChildResult r = run(jdk, name, null, List.of("--enable-preview"), "scope", tasks);
    JsonNode report = report(name);
    assertThat(pipelineNames(report)).as("no pipeline named after the subtask")
        .containsExactly("scope");
    JsonNode scope = pipeline(report, "scope");
    assertThat(scope.path("runs").asInt()).isEqualTo(1);
    assertThat(stage(scope, "task").path("calls").asLong())
        .as("forked subtasks, a nested scope's included").isEqualTo(tasks + 10);
    assertThat(r.stderr()).as(r.describe()).doesNotContainPattern("\\b[1-9][0-9]* task contexts");
  }

  private static ChildResult run(Jdk jdk, String name, String options, Object... args) {
    return run(jdk, name, options, List.of(), args);
  }

  private static ChildResult run(Jdk jdk, String name, String options, List<String> jvmArgs,
      Object... args) {
    ChildJvm.Builder b = ChildJvm.builder(jdk, name)
        .jvmArg(jvmArgs.toArray(new String[0]))
        .classpath(ItClasspath.apps())
        .mainClass(ShapesApp.class);
    b = options == null ? b.agent(ItPaths.agentJar()) : b.agent(ItPaths.agentJar(), options);
    List<String> a = new ArrayList<>();
    for (Object o : args) {
      a.add(String.valueOf(o));
    }
    ChildResult r = b.args(a.toArray(new String[0])).run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdoutText()).as(r.describe()).contains("DONE");
    return r;
  }

  private static JsonNode report(String name) throws IOException {
    return JSON.readTree(Files.readString(
        ItPaths.workDir(name).resolve("perf-report/report.json")));
  }

  private static List<String> pipelineNames(JsonNode report) {
    List<String> names = new ArrayList<>();
    for (JsonNode p : report.path("pipelines")) {
      names.add(p.path("name").asText());
    }
    return names;
  }

  private static JsonNode pipeline(JsonNode report, String name) {
    for (JsonNode p : report.path("pipelines")) {
      if (p.path("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no pipeline " + name + " in " + pipelineNames(report));
  }

  private static JsonNode stage(JsonNode pipeline, String name) {
    for (JsonNode s : pipeline.path("stages")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name + " in " + pipeline.path("name"));
  }
}
