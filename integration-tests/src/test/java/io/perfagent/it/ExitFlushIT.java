package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.apps.BurstAtExitApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import io.perfagent.it.harness.Jdks;
import io.perfagent.it.otlp.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spans finished just before the JVM exits all reach the collector: the exit flush waits for
 * the exports it starts. (It used to shut the exporter down with an export in flight, which
 * cancelled it: over gRPC most such runs lost every span.) Each JDK, both protocols.
 */
class ExitFlushIT {

  private static final int SPANS = 400;

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Jdk jdk : Jdks.list()) {
      out.add(Arguments.of(jdk, OtlpReceiver.GRPC));
      out.add(Arguments.of(jdk, OtlpReceiver.HTTP_PROTOBUF));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everySpanFinishedBeforeExitArrives(Jdk jdk, String protocol) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start(protocol)) {
      String name = "ExitFlushIT-jdk" + jdk.feature() + "-" + ItPaths.safe(protocol);
      ChildResult r = ChildJvm.builder(jdk, name)
          .agent(ItPaths.agentJar(), "report=off")
          .env(receiver.exporterEnv("exit-flush"))
          .classpath(ItClasspath.apps())
          .mainClass(BurstAtExitApp.class)
          .args(String.valueOf(SPANS))
          .timeout(Duration.ofSeconds(90))
          .run();
      assertThat(r.exitCode()).as(r::describe).isZero();
      assertThat(receiver.spans()).as(r::describe).hasSize(SPANS + 1);
      assertThat(r.perfAgentLines()).as(r::describe)
          .anyMatch(l -> l.contains((SPANS + 1) + " spans sent, 0 failed"));
    }
  }
}
