package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfagent.it.apps.DeepRecursionApp;
import io.perfagent.it.apps.EndedThreadsApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Calls that are easy to lose, counted: a stage recursing past the agent's 128-frame stack
 * ({@link DeepRecursionApp}, 301 calls): the calls that could not be measured are counted
 * exactly, per stage, in the exit line and in report.json's {@code agent} object, and the
 * exit line no longer says "nothing dropped" (it did, with 127 of 301 calls in the report);
 * and per-record calls folded outside any stage by threads that ended before handing them
 * on ({@link EndedThreadsApp}): counted (they were lost, and "nothing dropped" was said).
 */
class LostCallsIT {

  @Test
  void callsPastTheDepthLimitAreCountedPerStageAndSaid() throws IOException {
    ChildResult r = ChildJvm.builder(Jdks.current(), "LostCallsIT")
        .agent(ItPaths.agentJar())
        .classpath(ItClasspath.apps())
        .mainClass(DeepRecursionApp.class)
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdoutText()).as(r.describe()).contains("DONE");
    JsonNode report = new ObjectMapper().readTree(Files.readString(
        ItPaths.workDir("LostCallsIT").resolve("perf-report/report.json")));
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

  @Test
  void foldsOfThreadsThatEndedAreCounted() {
    ChildResult r = ChildJvm.builder(Jdks.current(), "LostCallsIT-ended")
        .agent(ItPaths.agentJar(), "report=off")
        .classpath(ItClasspath.apps())
        .mainClass(EndedThreadsApp.class)
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    long calls = EndedThreadsApp.THREADS * EndedThreadsApp.CALLS;
    // the exit summary's stage table: name, then the exact call count
    assertThat(r.perfAgentLines()).as(r.describe())
        .anyMatch(l -> l.matches("\\[perf-agent\\]\\s+handle\\s+" + calls + "\\s.*"));
    assertThat(r.stderr()).contains("nothing dropped");
  }
}
