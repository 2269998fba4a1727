package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.apps.CancelledTimeoutsApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 80,000 timeouts scheduled and cancelled inside a stage, with the scheduler removing
 * cancelled tasks or keeping them queued for their ten-minute delay
 * ({@link CancelledTimeoutsApp}): their task contexts are released when they are cancelled,
 * so no context is dropped and the work handed to a pool afterwards keeps its parent (it is
 * in the one run of pipeline {@code requests}, not a pipeline of its own). Before, 14,472
 * contexts were dropped and the work lost its parent. The same for 90,000 tasks an
 * executor's {@code shutdownNow} handed back without running them.
 */
class CancelledTimeoutsIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"remove", "keep", "shutdownNow"})
  void cancelledTasksReleaseTheirContext(String policy) throws IOException {
    String name = "CancelledTimeoutsIT-" + policy;
    ChildResult r = ChildJvm.builder(Jdks.current(), name)
        .agent(ItPaths.agentJar())
        .classpath(ItClasspath.apps())
        .mainClass(CancelledTimeoutsApp.class)
        .args(policy)
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdoutText()).as(r.describe()).contains("DONE");
    assertThat(r.stderr()).as(r.describe()).doesNotContainPattern("[1-9][0-9]* task contexts");
    JsonNode report = new ObjectMapper().readTree(Files.readString(
        ItPaths.workDir(name).resolve("perf-report/report.json")));
    List<String> pipelines = new ArrayList<>();
    for (JsonNode p : report.path("pipelines")) {
      pipelines.add(p.path("name").asText());
    }
    assertThat(pipelines).as("the work has its parent").containsExactly("requests");
    JsonNode requests = report.path("pipelines").get(0);
    assertThat(requests.path("runs").asInt()).isEqualTo(1);
    long work = 0;
    for (JsonNode s : requests.path("stages")) {
      if (s.path("name").asText().equals("work")) {
        work = s.path("calls").asLong();
      }
    }
    assertThat(work).isEqualTo(CancelledTimeoutsApp.WORK);
  }
}
