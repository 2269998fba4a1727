package io.perfagent.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.TestSpans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {

  @Test
  void runsAreRootsGroupedByTraceInStartOrder() {
    List<StageSpan> spans = new ArrayList<>();
    spans.addAll(TestSpans.trace("b", "orders", 100).span("r", "", "run", 0, 10)
        .span("c", "r", "x", 1, 2).spans());
    spans.addAll(TestSpans.trace("a", "orders", 0).span("r", "", "run", 0, 10)
        .span("c", "r", "x", 1, 2).span("o", "gone", "orphan", 3, 4).spans());
    spans.addAll(TestSpans.trace("n", "orders", 50).span("o", "gone", "orphan", 0, 1).spans());
    List<Trace> runs = Trace.assemble(spans);
    assertThat(runs).extracting(Trace::traceId).containsExactly("a", "b"); // "n" has no root
    assertThat(runs.get(0).spans()).hasSize(3);
    assertThat(runs.get(0).pipeline()).isEqualTo("orders");
  }

  @Test
  void twoRootsInOneTraceAreTwoRuns() {
    List<StageSpan> spans = TestSpans.trace("t").span("r1", "", "run", 0, 10)
        .span("c1", "r1", "x", 1, 2).span("r2", "", "run", 20, 30).span("c2", "r2", "x", 21, 22)
        .spans();
    List<Trace> runs = Trace.assemble(spans);
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1).spans()).extracting(StageSpan::spanId).containsExactly("r2", "c2");
  }

  @Test
  void builderDefaultsUnknownFiguresToMinusOne() {
    StageSpan s = StageSpan.builder().spanId("x").interval(10, 5).build();
    assertThat(s.cpuNanos()).isEqualTo(-1);
    assertThat(s.allocBytes()).isEqualTo(-1);
    assertThat(s.durationNanos()).isZero(); // end before start is clamped
    assertThat(s.isRoot()).isTrue();
  }
}
