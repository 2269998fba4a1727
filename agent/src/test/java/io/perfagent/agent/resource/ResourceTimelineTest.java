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

  @Test
  void aWindowHoldsTheTicksOverTheCallAndEachSeriesMeanPerStep() {
    ResourceTimeline t = new ResourceTimeline(S);
    for (int i = 1; i <= 10; i++) {
      t.add("system.cpu.utilization", i * S, i / 10.0);
      if (i >= 5) {
        t.add("hw.gpu.utilization", i * S, 0.5); // a series that began later
      }
    }
    t.gcPause(4 * S, 0.2);
    t.gcPause(9 * S, 0.1);

    // a call over (3.5 s, 6.2 s]: the ticks whose intervals overlap it end at 4, 5, 6 and 7 s
    ResourceTimeline.Window w = t.window(3 * S + S / 2, 6 * S + S / 5, 100, 10);
    assertThat(w.times()).containsExactly(4 * S, 5 * S, 6 * S, 7 * S);
    assertThat(w.intervalNanos()).isEqualTo(S);
    assertThat(w.values().get("system.cpu.utilization")).containsExactly(0.4, 0.5, 0.6, 0.7);
    double[] gpu = w.values().get("hw.gpu.utilization");
    assertThat(gpu[0]).isNaN(); // no point over (3 s, 4 s]
    assertThat(gpu[1]).isEqualTo(0.5);
    assertThat(w.gcPauses()).hasSize(1);
    assertThat(w.gcPauses().get(0)).containsExactly(4 * S, S / 5);

    assertThat(t.window(20 * S, 30 * S, 100, 10)).isNull();
  }

  @Test
  void aLongWindowComesAtACoarserStepThatKeepsTheMeans() {
    ResourceTimeline t = new ResourceTimeline(S);
    for (int i = 1; i <= 100; i++) {
      t.add("process.cpu.utilization", i * S, i <= 50 ? 0.0 : 1.0);
    }
    ResourceTimeline.Window w = t.window(0, 100 * S, 10, 10);
    assertThat(w.times()).hasSize(10);
    assertThat(w.times()[9]).isEqualTo(100 * S);
    double[] v = w.values().get("process.cpu.utilization");
    assertThat(v[0]).isEqualTo(0.0);
    assertThat(v[4]).isEqualTo(0.0);
    assertThat(v[5]).isEqualTo(1.0);
    assertThat(v[9]).isEqualTo(1.0);
  }
}
