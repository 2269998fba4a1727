package io.perfagent.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A stage's exported totals split back into its folds on other threads and the rest. */
class FoldThreadsTest {

  private static final LatencyBuckets BUCKETS =
      LatencyBuckets.of(new long[] {100, 200}, new long[] {60, 40});

  private static FoldedAggregate total() {
    return new FoldedAggregate("item", 100, 2, 15_000, 9_000, 800, 100, 0, 100, 200, 300, "",
        10, BUCKETS, -1, 0, 0);
  }

  @Test
  void threadsAreBranchesAndTheRestStaysOnTheParent() {
    long[] threads = {
        7, 30, 1, 4_000, 3_000, 200, 30, 0, 3, 1_000, 9_000,
        8, 50, 0, 8_000, 5_000, 500, 50, 0, 5, 2_000, 12_000};
    List<FoldedAggregate> parts = FoldThreads.split(total(), threads);
    assertThat(parts).hasSize(3);
    FoldedAggregate seven = parts.get(0);
    assertThat(seven.threadId()).isEqualTo(7);
    assertThat(seven.calls()).isEqualTo(30);
    assertThat(seven.cpuNanos()).isEqualTo(3_000);
    assertThat(seven.startNanos()).isEqualTo(1_000);
    assertThat(seven.endNanos()).isEqualTo(9_000);
    assertThat(seven.buckets()).isSameAs(BUCKETS); // the total's shape, scaled to its calls
    FoldedAggregate rest = parts.get(2);
    assertThat(rest.threadId()).isEqualTo(-1);
    assertThat(rest.calls()).isEqualTo(20);
    assertThat(rest.errors()).isEqualTo(1);
    assertThat(rest.wallNanos()).isEqualTo(3_000);
    assertThat(rest.cpuNanos()).isEqualTo(1_000);
    assertThat(rest.allocBytes()).isEqualTo(100);
    assertThat(rest.timedCalls()).isEqualTo(2);
    assertThat(parts.stream().mapToLong(FoldedAggregate::calls).sum()).isEqualTo(100);
  }

  @Test
  void allOnOtherThreadsLeavesNoRest() {
    long[] threads = {7, 100, 2, 15_000, 9_000, 800, 100, 0, 10, 1_000, 9_000};
    assertThat(FoldThreads.split(total(), threads)).singleElement()
        .satisfies(f -> assertThat(f.threadId()).isEqualTo(7));
  }

  @Test
  void aMalformedOrForeignArrayLeavesTheTotalWhole() {
    FoldedAggregate t = total();
    assertThat(FoldThreads.split(t, new long[] {1, 2, 3})).containsExactly(t);
    assertThat(FoldThreads.split(t, new long[0])).containsExactly(t);
    long[] tooMany = {7, 500, 0, 1, 1, 1, 1, 0, 1, 1, 2};
    assertThat(FoldThreads.split(t, tooMany)).containsExactly(t);
  }
}
