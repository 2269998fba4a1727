package io.perfagent.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.bootstrap.AgentSettings;
import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.ThreadState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The drain's pace: faster while a thread fills more than half of its buffer between passes. */
class CollectorPaceTest {

  private static final long MS = 1_000_000L;

  @Test
  void aQuietPassKeepsTheInterval() {
    assertThat(Collector.nextPark(0, 1024, 100 * MS)).isEqualTo(100 * MS);
    assertThat(Collector.nextPark(512, 1024, 100 * MS)).isEqualTo(100 * MS);
  }

  @Test
  void aBusyThreadBringsTheNextPassForward() {
    assertThat(Collector.nextPark(513, 1024, 100 * MS)).isEqualTo(10 * MS);
    assertThat(Collector.nextPark(900, 1024, 20 * MS)).as("never below 5 ms")
        .isEqualTo(5 * MS);
    assertThat(Collector.nextPark(900, 1024, 5 * MS)).isEqualTo(5 * MS);
  }

  /**
   * A real collector with a 2 s interval: after a pass that found 600 records on one thread
   * (more than half of 1024) the next comes within a tenth of the interval; after a pass that
   * found none, a whole interval later. The gaps expected are 0.2 s and 2 s, so the bounds
   * below leave room for a slow machine.
   */
  @Test
  void theCollectorDrainsSoonerAfterABusyPass() throws Exception {
    AgentSettings.ringCapacity = 1024;
    AgentSettings.enabled = true;
    int stage = StageRegistry.register("pace.span", "pace", StageInfo.MODE_SPAN,
        "test.CollectorPaceTest.span");
    List<Long> passes = new CopyOnWriteArrayList<>();
    AtomicInteger accepted = new AtomicInteger();
    Collector collector = new Collector(new StatsTable(), List.of(new StageSink() {
      @Override
      public void accept(FinishedStage s) {
        accepted.incrementAndGet();
      }

      @Override
      public void endOfPass() {
        passes.add(System.nanoTime());
      }
    }), 2000 * MS, new EpochClock());
    Thread producer = new Thread(() -> {
      for (int i = 0; i < 600; i++) {
        ThreadState ts = Stages.enterStage(stage, StageInfo.MODE_SPAN);
        Stages.exitStage(ts, stage, null);
      }
    });
    try {
      producer.start();
      producer.join();
      collector.start();
      long deadline = System.nanoTime() + 20_000 * MS;
      while (passes.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(passes).hasSizeGreaterThanOrEqualTo(3);
      assertThat(passes.get(1) - passes.get(0)).as("after the busy pass")
          .isLessThan(1000 * MS);
      assertThat(passes.get(2) - passes.get(1)).as("after a quiet pass")
          .isGreaterThan(1500 * MS);
      assertThat(accepted.get()).isEqualTo(600);
    } finally {
      collector.shutdown(System.nanoTime() + 5000 * MS);
      AgentSettings.enabled = false;
    }
  }
}
