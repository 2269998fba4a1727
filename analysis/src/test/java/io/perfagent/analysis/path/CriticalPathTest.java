package io.perfagent.analysis.path;

import static io.perfagent.analysis.TestSpans.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.TestSpans;
import io.perfagent.analysis.model.StageSpan;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

  /** The path as "span start-end" in ms, in time order; asserts it covers the root exactly. */
  private static String path(TestSpans t) {
    AnalyzedRun run = t.run();
    List<CriticalPathSegment> segs = run.criticalPath().segments();
    assertThat(run.criticalPath().totalNanos()).isEqualTo(run.wallNanos());
    long cursor = run.trace().root().startNanos();
    for (CriticalPathSegment s : segs) {
      assertThat(s.startNanos()).as("contiguous").isEqualTo(cursor);
      cursor = s.endNanos();
    }
    return segs.stream()
        .map(s -> s.spanId() + " " + s.startNanos() / MS + "-" + s.endNanos() / MS)
        .collect(Collectors.joining(", "));
  }

  @Test
  void sequentialChildrenAndGapsOfTheParent() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "read", 10, 40).span("b", "r", "parse", 50, 90);
    assertThat(path(t)).isEqualTo("r 0-10, a 10-40, r 40-50, b 50-90, r 90-100");
  }

  @Test
  void overlappingSiblingsOnlyTheLastFinishingCounts() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "x", 0, 60).span("b", "r", "y", 20, 80);
    // returning from b (start 20), a ends at 60, not before 20: the parent holds 0-20
    assertThat(path(t)).isEqualTo("r 0-20, b 20-80, r 80-100");
  }

  @Test
  void childrenOnOtherThreadsTheSlowestHoldsTheJoin() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100);
    t.add(t.builder("w1", "r", "part", 10, 50).thread("pool-1", 11).build());
    t.add(t.builder("w2", "r", "part", 10, 90).thread("pool-2", 12).build());
    t.add(t.builder("w3", "r", "part", 10, 30).thread("pool-3", 13).build());
    assertThat(path(t)).isEqualTo("r 0-10, w2 10-90, r 90-100");
  }

  @Test
  void childOutlivingItsParentIsLeftOutNotClamped() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "x", 10, 40).span("f", "r", "async", 50, 150)
        .span("f1", "f", "inner", 60, 70);
    assertThat(path(t)).isEqualTo("r 0-10, a 10-40, r 40-100");
    assertThat(t.run().criticalPath().leftOut())
        .containsExactly(new LeftOutSpan("f", "async", LeftOutSpan.Reason.OUTLIVED_PARENT));
  }

  @Test
  void siblingEndingExactlyWhenTheNextStartsIsNotStrictlyBeforeIt() {
    // Jaeger's rule, kept on purpose: a ends at 50, b starts at 50, and only children ending
    // strictly before 50 are considered on returning from b
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "x", 0, 50).span("b", "r", "y", 50, 100);
    assertThat(path(t)).isEqualTo("r 0-50, b 50-100");
    TestSpans gap = TestSpans.trace("t").span("r", "", "run", 0, 100);
    gap.add(StageSpan.builder().traceId("t").spanId("a").parentSpanId("r").stage("x")
        .interval(0, 50 * MS - 1).build());
    gap.span("b", "r", "y", 50, 100);
    assertThat(gap.run().criticalPath().segments()).extracting(CriticalPathSegment::spanId)
        .containsExactly("a", "r", "b");
  }

  @Test
  void childWhollyOutsideItsParentIsDroppedAndEarlyStartIsClamped() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("x", "r", "late", 150, 200).span("x1", "x", "under-late", 160, 170)
        .span("e", "r", "early", -10, 20);
    assertThat(path(t)).isEqualTo("e 0-20, r 20-100");
    assertThat(t.run().criticalPath().leftOut())
        .containsExactly(new LeftOutSpan("x", "late", LeftOutSpan.Reason.OUTSIDE_PARENT));
    assertThat(t.run().tree().node("x1")).isNull();
  }

  @Test
  void nestedGrandchildren() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 100)
        .span("a", "r", "agg", 10, 90).span("a1", "a", "p", 20, 50)
        .span("a2", "a", "p", 60, 80).span("b", "r", "side", 5, 15);
    assertThat(path(t)).isEqualTo("r 0-10, a 10-20, a1 20-50, a 50-60, a2 60-80, a 80-90, r 90-100");
  }

  @Test
  void rootWithoutChildrenIsItsOwnPath() {
    assertThat(path(TestSpans.trace("t").span("r", "", "run", 0, 7))).isEqualTo("r 0-7");
  }

  @Test
  void thousandsOfSequentialChildrenDoNotOverflowTheStack() {
    TestSpans t = TestSpans.trace("t").span("r", "", "run", 0, 30_000);
    for (int i = 0; i < 10_000; i++) {
      t.span("c" + i, "r", "c", 3L * i + 1, 3L * i + 2);
    }
    assertThat(t.run().criticalPath().segments()).hasSize(20_001);
  }
}
