package io.perfagent.analysis.slo;

import static io.perfagent.analysis.TestSpans.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.stats.StageStatsCalculator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloTest {

  @Test
  void parsesTheDocumentedExample() {
    List<SloRule> rules = SloParser.parseRules(
        "stage:score:p95<200ms;pipeline:orders:error_rate<1%/5%;cpu<80%/90%;stage:*:error_rate:off");
    assertThat(rules).containsExactly(
        new SloRule("stage", "score", SloMetric.P95, Double.NaN, 200e6, "p95<200ms"),
        new SloRule("pipeline", "orders", SloMetric.ERROR_RATE, 0.01, 0.05, "error_rate<1%/5%"),
        new SloRule("resource", "cpu", SloMetric.CPU, 0.8, 0.9, "cpu<80%/90%"),
        new SloRule("stage", "*", SloMetric.ERROR_RATE, Double.NaN, Double.NaN, "error_rate:off"));
  }

  @Test
  void unitsAndFractions() {
    assertThat(SloParser.parseLimit("1.5s", SloMetric.P99)).isEqualTo(1.5e9);
    assertThat(SloParser.parseLimit("250us", SloMetric.MAX)).isEqualTo(250e3);
    assertThat(SloParser.parseLimit("0.05", SloMetric.ERROR_RATE)).isEqualTo(0.05);
    assertThat(SloParser.parseLimit("2m", SloMetric.P50)).isEqualTo(120e9);
  }

  @Test
  void badRulesAreNamed() {
    assertThatThrownBy(() -> SloConfig.parse("stage:score:p95<200"))
        .hasMessageContaining("'stage:score:p95<200'").hasMessageContaining("unit");
    assertThatThrownBy(() -> SloConfig.parse("cpu<95%/80%")).hasMessageContaining("warning");
    assertThatThrownBy(() -> SloConfig.parse("stage:x:cpu<80%")).hasMessageContaining("resource");
    assertThatThrownBy(() -> SloConfig.parse("p95<1s")).hasMessageContaining("scope");
    assertThatThrownBy(() -> SloConfig.parse("stage:x:latency<1s")).hasMessageContaining("unknown metric");
    assertThatThrownBy(() -> SloConfig.parse("pipeline:x:error_rate<150%")).hasMessageContaining("100 %");
  }

  @Test
  void defaultsAndPrecedence() {
    SloConfig c = SloConfig.parse("stage:write:error_rate<20%;pipeline:*:error_rate:off");
    assertThat(c.ruleFor("stage", "score", SloMetric.ERROR_RATE).critical()).isEqualTo(0.10);
    assertThat(c.ruleFor("stage", "write", SloMetric.ERROR_RATE).critical()).isEqualTo(0.20);
    assertThat(c.ruleFor("pipeline", "orders", SloMetric.ERROR_RATE)).isNull();
    assertThat(SloConfig.defaults().ruleFor("resource", "cpu", SloMetric.CPU).warning()).isEqualTo(0.85);
    assertThat(SloConfig.defaults().ruleFor("resource", "memory", SloMetric.MEMORY).critical()).isEqualTo(0.95);
  }

  @Test
  void breachesAtTwoLevels() {
    TestSpans t = TestSpans.trace("t", "orders", 0).span("r", "", "run", 0, 1000);
    for (int i = 0; i < 10; i++) {
      StageSpanHelper.add(t, "s" + i, "score", i * 100L, i * 100L + 50, i < 1);
      StageSpanHelper.add(t, "w" + i, "write", i * 100L + 50, i * 100L + 60, i < 2);
    }
    List<StageStats> stages = StageStatsCalculator.compute(List.of(t.run()));
    SloConfig c = SloConfig.parse("stage:score:p95<40ms/100ms");
    List<Alert> alerts = SloEvaluator.pipeline(c, "orders", new long[] {1000 * MS}, 0, stages);
    assertThat(alerts).containsExactlyInAnyOrder(
        new Alert(AlertLevel.WARNING, "stage:score", "p95<40ms/100ms", 50e6, 40e6, "ns"),
        new Alert(AlertLevel.CRITICAL, "stage:score", "error_rate<5%/10%", 0.1, 0.1, "ratio"),
        new Alert(AlertLevel.CRITICAL, "stage:write", "error_rate<5%/10%", 0.2, 0.1, "ratio"));
    List<Alert> res = SloEvaluator.resources(SloConfig.defaults(), List.of(
        new ResourceSample(1, ResourceNames.PROCESS_CPU_UTILIZATION, 0.75),
        new ResourceSample(2, ResourceNames.PROCESS_CPU_UTILIZATION, 1.0),
        new ResourceSample(1, ResourceNames.SYSTEM_MEMORY_UTILIZATION, 0.5),
        new ResourceSample(2, ResourceNames.SYSTEM_MEMORY_UTILIZATION, 0.96)), 0, 10);
    assertThat(res).containsExactly(
        new Alert(AlertLevel.WARNING, "resource:cpu", "cpu<85%/95%", 0.875, 0.85, "ratio"),
        new Alert(AlertLevel.CRITICAL, "resource:memory", "memory<90%/95%", 0.96, 0.95, "ratio"));
  }

  /** Spans with an error flag, for the error-rate checks. */
  private static final class StageSpanHelper {
    static void add(TestSpans t, String id, String stage, long start, long end, boolean error) {
      var b = t.builder(id, "r", stage, start, end);
      if (error) {
        b.error("java.lang.IllegalStateException");
      }
      t.add(b.build());
    }
  }
}
