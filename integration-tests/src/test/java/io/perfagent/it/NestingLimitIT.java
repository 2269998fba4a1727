package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.apps.DeepRecursionApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A stage recursing past the agent's 128-frame stack ({@link DeepRecursionApp}, 301 calls):
 * the calls that could not be measured are counted exactly, per stage, in the exit line and
 * in report.json's {@code agent} object, and the exit line no longer says "nothing dropped"
 * (it did, with 127 of 301 calls in the report).
 */
class NestingLimitIT {

  @Test
  void callsPastTheDepthLimitAreCountedPerStageAndSaid() throws IOException {
    ChildResult r = ChildJvm.builder(Jdks.current(), "NestingLimitIT")
        .agent(ItPaths.agentJar())
        .classpath(ItClasspath.apps())
        .mainClass(DeepRecursionApp.class)
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdoutText()).as(r.describe()).contains("DONE");
    JsonNode report = new ObjectMapper().readTree(Files.readString(
        ItPaths.workDir("NestingLimitIT").resolve("perf-report/report.json")));
    long measured = 0;
    for (JsonNode p : report.path("pipelines")) {
      for (JsonNode s : p.path("stages")) {
        if (s.path("name").asText().equals("recurse")) {
          measured += s.path("calls").asLong();
        }
      }
    }
    long untracked = report.path("agent").path("untracked_nesting_calls.recurse").asLong();
    assertThat(measured).as("calls in the report").isPositive();
    assertThat(untracked).as("calls past the limit, per stage").isPositive();
    assertThat(measured + untracked).as("every call, measured or counted")
        .isEqualTo(DeepRecursionApp.DEPTH + 1);
    assertThat(report.path("agent").path("untracked_nesting_calls").asLong())
        .isEqualTo(untracked);
    assertThat(r.stderr()).doesNotContain("nothing dropped")
        .contains(untracked + " stage calls untracked (nesting past 128: recurse " + untracked);
  }
}
