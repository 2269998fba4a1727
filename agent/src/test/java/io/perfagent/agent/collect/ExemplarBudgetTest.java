package io.perfagent.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A parent keeps its slowest exemplars of a stage (errors first); the rest are counted. */
class ExemplarBudgetTest {

  private static FinishedStage exemplar(long nanos) {
    return FinishedStages.span(5, nanos, 7, 1, 0, nanos, 2, true);
  }

  @Test
  void theSlowestAreKeptAndTheRestCounted() {
    ExemplarBudget budget = new ExemplarBudget();
    assertThat(budget.admits(7, 5, 10, false, 2)).as("a parent with none yet").isTrue();
    budget.offer(exemplar(100), 2);
    budget.offer(exemplar(300), 2);
    assertThat(budget.leftOut()).isZero();
    assertThat(budget.admits(7, 5, 50, false, 2)).as("faster than both kept").isFalse();
    assertThat(budget.leftOut()).isEqualTo(1);
    assertThat(budget.admits(7, 5, 200, false, 2)).as("slower than the fastest kept").isTrue();
    budget.offer(exemplar(200), 2); // replaces 100, which is left out
    assertThat(budget.leftOut()).isEqualTo(2);
    assertThat(budget.admits(7, 6, 1, false, 2)).as("another stage has its own room").isTrue();
    assertThat(budget.take(7)).extracting(FinishedStage::wallNanos)
        .containsExactlyInAnyOrder(200L, 300L);
  }
}
