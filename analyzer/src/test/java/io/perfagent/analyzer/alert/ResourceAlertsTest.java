package io.perfagent.analyzer.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.slo.SloConfig;
import io.perfagent.analyzer.analyse.AnalysedRun;
import io.perfagent.analyzer.analyse.ResourceTimelines;
import io.perfagent.analyzer.analyse.RunAnalysis;
import io.perfagent.analyzer.assemble.ClosedRun;
import io.perfagent.analyzer.store.JdbcHistoryStore;
import io.perfagent.analyzer.store.StoredAlert;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource rules: over a run's own samples (the alert belongs to its pipeline), and over the
 * series received in the last minute, every instance pooled (pipeline {@code ""}), kept over
 * an exporter's gap and resolved once nothing has reported for five minutes.
 */
class ResourceAlertsTest {

  private static final long S = 1_000_000_000L;

  @TempDir
  Path dir;

  private final SloConfig slo = SloConfig.parse("cpu<40%/90%");

  @Test
  void aRunsOwnSamplesRaiseItsPipelinesResourceAlert() throws Exception {
    long start = 10 * S;
    String trace = "0000000000000000000000000000000a";
    List<StageSpan> spans = List.of(StageSpan.builder().traceId(trace).spanId("r").stage("root")
        .pipeline("p").thread("main", 1).interval(start, start + 3 * S).build());
    List<ResourceSample> timeline = List.of(
        new ResourceSample(start + S, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.25),
        new ResourceSample(start + 2 * S, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.75));
    AnalysedRun run = RunAnalysis.analyse(new ClosedRun(trace, 1, spans, List.of("svc"),
        List.of("i-1"), false, timeline, Set.of("i-1")), 1, null);
    try (JdbcHistoryStore store = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("r.db"))) {
      store.save(run);
      RunFacts facts = RunFacts.of(run, slo);
      assertThat(facts.measuredResources()).containsExactly("cpu");
      new AlertMonitor(store, new AnalyzerMetrics(), slo, null, () -> 5, 1).evaluate(facts);
      StoredAlert a = store.alerts(StoredAlert.OPEN, "p").get(0);
      assertThat(a.subject()).isEqualTo("resource:cpu");
      assertThat(a.level()).isEqualTo("warning");
      assertThat(a.value()).isEqualTo(0.5); // the mean over the run
      assertThat(a.unit()).isEqualTo("ratio");
      assertThat(a.text()).isEqualTo("resource:cpu 50.0 % over 40 % (warning)");
      assertThat(a.runId()).isEqualTo(trace);
    }
  }

  @Test
  void theReceivedSeriesRaiseAnAlertOfNoPipelineResolvedWhenTheyStop() throws Exception {
    long[] now = {1_000_000};
    long nowNanos = now[0] * 1_000_000L;
    ResourceTimelines timelines = new ResourceTimelines();
    timelines.add(Map.of(
        "i-1", List.of(new ResourceSample(nowNanos - 30 * S,
            ResourceNames.SYSTEM_CPU_UTILIZATION, 0.95)),
        "i-2", List.of(new ResourceSample(nowNanos - 20 * S,
            ResourceNames.SYSTEM_CPU_UTILIZATION, 0.93),
            new ResourceSample(nowNanos - 200 * S, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.1))));
    try (JdbcHistoryStore store = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("s.db"))) {
      AlertMonitor m = new AlertMonitor(store, new AnalyzerMetrics(), slo, timelines,
          () -> now[0], 1);
      m.evaluateSeries(now[0]);
      StoredAlert a = store.alerts(StoredAlert.OPEN, "").get(0);
      assertThat(a.subject()).isEqualTo("resource:cpu");
      assertThat(a.level()).isEqualTo("critical"); // mean of the last minute: 0.94
      assertThat(a.value()).isCloseTo(0.94, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(a.runId()).isEmpty();

      now[0] += 120_000; // two minutes on, nothing received: an exporter's gap, not a cure
      m.evaluateSeries(now[0]);
      assertThat(store.alerts(StoredAlert.ACTIVE, null)).extracting(StoredAlert::id)
          .containsExactly(a.id());

      now[0] += 300_000; // seven minutes on: nothing reports it any more
      m.evaluateSeries(now[0]);
      assertThat(store.alerts(StoredAlert.ACTIVE, null)).isEmpty();
      assertThat(store.alert(a.id()).resolvedMillis()).isEqualTo(now[0]);
    }
  }
}
