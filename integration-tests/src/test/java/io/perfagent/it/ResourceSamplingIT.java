package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.it.apps.ResourceApp;
import io.perfagent.it.harness.ChildJvm;
import io.perfagent.it.harness.ChildResult;
import io.perfagent.it.harness.FakeNvml;
import io.perfagent.it.harness.ItClasspath;
import io.perfagent.it.harness.ItPaths;
import io.perfagent.it.harness.Jdk;
import io.perfagent.it.otlp.MetricQuery;
import io.perfagent.it.otlp.OtlpHttpReceiver;
import io.perfagent.it.otlp.OtlpReceiver;
import io.perfagent.it.otlp.ReceivedMetric;
import io.perfagent.it.otlp.ReceivedSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sampling on, under the real perf.jar, exporting to a real OTLP/HTTP receiver, with the fake
 * NVML library (built with gcc from the samplers' test sources) standing in for the driver:
 * host, process, JVM and GPU metrics arrive under their semantic-convention names and units;
 * the stage that spins every core carries a high CPU average, the one that sleeps a low one;
 * the exit report shows the resource figures.
 */
class ResourceSamplingIT {

  /** Metric → unit, each of which must arrive. */
  private static final Map<String, String> EXPECTED = Map.ofEntries(
      Map.entry("system.cpu.utilization", "1"),
      Map.entry("system.memory.usage", "By"),
      Map.entry("system.memory.utilization", "1"),
      Map.entry("process.cpu.utilization", "1"),
      Map.entry("process.memory.usage", "By"),
      Map.entry("process.thread.count", "{thread}"),
      Map.entry("jvm.memory.used", "By"),
      Map.entry("jvm.memory.committed", "By"),
      Map.entry("jvm.thread.count", "{thread}"),
      Map.entry("jvm.class.count", "{class}"),
      Map.entry("jvm.gc.duration", "s"),
      Map.entry("hw.gpu.utilization", "1"),
      Map.entry("hw.gpu.memory.usage", "By"),
      Map.entry("hw.gpu.memory.limit", "By"),
      Map.entry("hw.power", "W"),
      Map.entry("hw.temperature", "Cel"),
      Map.entry("perf.sampler.duration", "s"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.perfagent.it.harness.Jdks#all")
  void metricsArriveAndStagesCarryWhatTheMachineDid(Jdk jdk) throws Exception {
    Path nvml = FakeNvml.build(); // skips (assumption) without gcc
    Path reportDir = ItPaths.workDir("ResourceSamplingIT-jdk" + jdk.feature()).resolve("report");
    String service = "resources-jdk" + jdk.feature();
    try (OtlpReceiver receiver = OtlpHttpReceiver.start()) {
      ChildResult child = ChildJvm.builder(jdk, "ResourceSamplingIT-jdk" + jdk.feature())
          .agent(ItPaths.agentJar(), "sample.interval=100ms,sample.nvml.library=" + nvml
              + ",report.dir=" + reportDir)
          .env(receiver.exporterEnv(service))
          .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
          .classpath(ItClasspath.apps())
          .mainClass(ResourceApp.class)
          .run();
      receiver.await(() -> receiver.spans().stream()
          .anyMatch(s -> "resources.run".equals(s.attr("perf.stage"))), Duration.ofSeconds(
              child.exitCode() == 0 ? 15 : 3));
      List<ReceivedMetric> metrics = receiver.metrics();
      List<ReceivedSpan> spans = receiver.spans();

      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(child.exitCode()).as("exit code").isZero();
      soft.assertThat(child.stackTraceLines()).as("stack traces").isEmpty();
      EXPECTED.forEach((name, unit) -> {
        List<ReceivedMetric> named = MetricQuery.named(metrics, name);
        soft.assertThat(named).as(name + " received").isNotEmpty();
        soft.assertThat(named).as(name + " unit").allMatch(m -> m.unit().equals(unit));
      });
      // the fake driver's device 0, exactly as scripted in fake_nvml.c
      ReceivedMetric.Point gpu0 = MetricQuery.single(metrics, "hw.gpu.memory.limit", "hw.id",
          FakeNvml.DEVICE0_UUID);
      soft.assertThat(gpu0).as("device 0 memory limit").isNotNull();
      if (gpu0 != null) {
        soft.assertThat(gpu0.value().doubleValue()).isEqualTo(FakeNvml.DEVICE0_MEMORY_TOTAL);
        soft.assertThat(gpu0.attributes()).containsEntry("hw.vendor", "nvidia")
            .containsEntry("hw.type", "gpu");
      }
      ReceivedMetric.Point heap = MetricQuery.combined(metrics, "jvm.memory.used",
          a -> "heap".equals(a.get("jvm.memory.type"))).values().stream().findFirst()
          .orElse(null);
      soft.assertThat(heap).as("a heap pool's jvm.memory.used").isNotNull();

      ReceivedSpan busy = stage(spans, "resources.busy");
      ReceivedSpan sleepy = stage(spans, "resources.sleepy");
      soft.assertThat(busy).as("busy span").isNotNull();
      soft.assertThat(sleepy).as("sleepy span").isNotNull();
      if (busy != null && sleepy != null) {
        // every core spun: the machine was busy, and this process did most of it (0.9 and
        // more alone; other work on a shared machine takes its share of the cores)
        soft.assertThat(number(busy, "perf.host.cpu_utilization")).as("busy host CPU")
            .isGreaterThan(0.6);
        soft.assertThat(number(busy, "perf.process.cpu_utilization")).as("busy process CPU")
            .isGreaterThan(0.3)
            .isGreaterThan(3 * number(sleepy, "perf.process.cpu_utilization"));
        // a process-level figure, so another build on this machine cannot make it look busy;
        // it still holds the agent's own threads (export, sampling at 100 ms), a few per cent
        soft.assertThat(number(sleepy, "perf.process.cpu_utilization")).as("sleepy process CPU")
            .isLessThan(0.3);
        soft.assertThat(number(busy, "perf.gpu.utilization")).as("busy GPU (fake driver)")
            .isCloseTo(FakeNvml.BUSIEST_UTILIZATION, within(1e-9));
      }
      soft.assertThat(child.stderr()).as("exit report footer")
          .containsPattern("resource sampler: \\d+ ticks over host[^,]*, process[^,]*, jvm");
      Path json = reportDir.resolve("report.json");
      soft.assertThat(json).as("report.json").exists();
      if (Files.exists(json)) {
        soft.assertThat(Files.readString(json)).as("report.json resources")
            .contains("\"system.cpu.utilization\"", "\"hw.gpu.utilization\"");
      }
      if (!soft.errorsCollected().isEmpty()) {
        throw new AssertionError(soft.errorsCollected().size() + " failed:\n- "
            + String.join("\n- ", soft.errorsCollected().stream().map(Throwable::getMessage)
                .toList()) + "\n" + child.describe());
      }
      assertThat(receiver.malformedRequests()).isZero();
    }
  }

  private static ReceivedSpan stage(List<ReceivedSpan> spans, String stage) {
    return spans.stream().filter(s -> stage.equals(s.attr("perf.stage"))).findFirst()
        .orElse(null);
  }

  private static double number(ReceivedSpan s, String key) {
    Object v = s.attr(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
