package io.perfagent.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.bottleneck.BottleneckKind;
import io.perfagent.analysis.whatif.WhatIf;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommenderTest {

  private static final long S = 1_000_000_000L;

  @Test
  void aStageStarvedOfCoresIsToldToGetOneNotToParallelise() {
    Bottleneck starved = new Bottleneck("read", BottleneckKind.CPU, 0.4,
        "on CPU 50.0 % ... it waited for a core",
        Map.of("cpu_ratio", 0.5, "machine_cpu_utilization", 0.99));
    Bottleneck busy = new Bottleneck("score", BottleneckKind.CPU, 0.4, "on CPU 99 %",
        Map.of("cpu_ratio", 0.99));
    List<Recommendation> r = Recommender.recommend(List.of(), List.of(starved, busy),
        stage -> new WhatIf(stage, 2, 10 * S, 8 * S, 2 * S),
        stage -> new WhatIf(stage, 2, 10 * S, 8 * S, 2 * S), 2, 10 * S, "run");

    assertThat(r.get(0).text()).startsWith("Give read a free core: the machine's CPUs were "
        + "saturated while it ran").endsWith("2x faster would save 2.00 s of 10.0 s (20.0 %).");
    assertThat(r.get(1).text()).startsWith("Make score cheaper per call: it is CPU-bound");
  }
}
