package io.perfagent.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

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
}
