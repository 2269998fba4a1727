package io.perfagent.agent.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceHealthTest {

  @Test
  void failuresBackOffExponentiallyUpToTheCapAndAGoodReadResets() {
    SourceHealth h = new SourceHealth();
    assertThat(h.failed()).isTrue(); // said once
    assertThat(skipped(h)).isEqualTo(1);
    assertThat(h.failed()).isFalse();
    assertThat(skipped(h)).isEqualTo(2);
    for (int i = 0; i < 10; i++) {
      h.failed();
    }
    assertThat(skipped(h)).isEqualTo(SourceHealth.MAX_SKIP);
    h.succeeded(0, 1);
    h.failed();
    assertThat(skipped(h)).isEqualTo(1);
  }

  @Test
  void goingOverBudgetSeveralTicksInARowBacksOff() {
    SourceHealth h = new SourceHealth();
    assertThat(h.succeeded(10, 5)).isFalse();
    assertThat(h.succeeded(10, 5)).isFalse();
    assertThat(h.succeeded(10, 5)).isTrue();
    assertThat(skipped(h)).isEqualTo(1);
    assertThat(h.succeeded(10, 5)).isFalse(); // the count starts again
  }

  /** Ticks the source sits out before it is due again. */
  private static int skipped(SourceHealth h) {
    int n = 0;
    while (!h.due()) {
      n++;
    }
    return n;
  }
}
