package io.perfagent.analysis.cost;

import static io.perfagent.analysis.TestSpans.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.stats.StageStatsCalculator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

  @Test
  void coreSecondsFromSelfCpuAndMoneyWhenPriced() {
    TestSpans t = TestSpans.trace("t");
    t.add(t.builder("r", "", "run", 0, 4000).cpuNanos(3000 * MS, true).build());
    t.add(t.builder("a", "r", "score", 0, 3000).cpuNanos(2700 * MS, true).build());
    var stages = StageStatsCalculator.compute(List.of(t.run()));
    Cost priced = CostCalculator.of(stages, 2, 3.6, "EUR");
    assertThat(priced.coreSecondsTotal()).isCloseTo(3.0, within(1e-9)); // 0.3 + 2.7, not 5.7
    assertThat(priced.coreSecondsPerRun()).isCloseTo(1.5, within(1e-9));
    assertThat(priced.moneyTotal()).isCloseTo(0.003, within(1e-12));
    assertThat(priced.stages()).extracting(StageCost::stage).containsExactly("run", "score");
    Cost free = CostCalculator.of(stages, 2, Double.NaN, "EUR");
    assertThat(free.hasPrice()).isFalse();
    assertThat(free.moneyTotal()).isNaN();
  }
}
