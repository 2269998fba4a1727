package io.perfagent.agent.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analysis.model.ResourceSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceTimelineTest {

  private static final long S = 1_000_000_000L;

  @Test
  void meanWeighsEachPointByTheOverlapOfItsInterval() {
    ResourceTimeline t = new ResourceTimeline(S);
    t.add("system.cpu.utilization", 10 * S, 0.2); // stands for (9 s, 10 s]
    t.add("system.cpu.utilization", 11 * S, 0.8); // (10 s, 11 s]
    t.add("system.cpu.utilization", 12 * S, 0.4); // (11 s, 12 s]

    assertThat(t.mean("system.cpu.utilization", 9 * S, 12 * S)).isCloseTo(0.4667, within(1e-3));
    // half of the first interval and all of the second: (0.2 * 0.5 + 0.8 * 1) / 1.5
    assertThat(t.mean("system.cpu.utilization", 9 * S + S / 2, 11 * S))
        .isCloseTo(0.6, within(1e-9));
    assertThat(t.mean("system.cpu.utilization", 20 * S, 30 * S)).isNaN();
    assertThat(t.mean("hw.gpu.utilization", 9 * S, 12 * S)).isNaN();
  }

  @Test
  void aFullSeriesMergesPairsAndKeepsItsWholeSpan() {
    ResourceTimeline t = new ResourceTimeline(S, 8);
    for (int i = 1; i <= 20; i++) {
      t.add("process.cpu.utilization", i * S, i <= 10 ? 0.0 : 1.0);
    }
    List<ResourceSample> points = t.samples();
    assertThat(points).hasSizeLessThanOrEqualTo(8);
    assertThat(points.get(points.size() - 1).timeNanos()).isEqualTo(20 * S);
    // the merged points still say the first half idled and the second half was busy
    assertThat(t.mean("process.cpu.utilization", 0, 8 * S)).isCloseTo(0.0, within(0.01));
    assertThat(t.mean("process.cpu.utilization", 16 * S, 20 * S)).isCloseTo(1.0, within(0.01));
    // a merged point straddling the change stands for the mean of what it merged
    assertThat(t.mean("process.cpu.utilization", 0, 20 * S)).isCloseTo(0.5, within(0.1));
  }

  @Test
  void gcPausesOverlapAndBecomeAnalysisSamples() {
    ResourceTimeline t = new ResourceTimeline(S);
    t.gcPause(10 * S, 0.5); // (9.5 s, 10 s]
    assertThat(t.gcNanos(9 * S, 9 * S + 3 * S / 4)).isEqualTo(S / 4);
    assertThat(t.gcNanos(11 * S, 12 * S)).isZero();
    assertThat(t.samples()).containsExactly(new ResourceSample(10 * S, "jvm.gc.duration", 0.5));
  }

  @Test
  void aClockStepBackIsNotKept() {
    ResourceTimeline t = new ResourceTimeline(S);
    t.add("system.cpu.utilization", 10 * S, 0.5);
    t.add("system.cpu.utilization", 9 * S, 0.9);
    assertThat(t.samples()).hasSize(1);
  }
}
