package io.perfagent.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.model.FoldedAggregate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parent's folds of one stage: 32 threads kept apart, the rest summed, every call and
 * every bucket count kept.
 */
class FoldsPerThreadTest {

  @Test
  void aThousandThreadsGiveBoundedFoldsAndEveryCall() {
    FinishedStage parent = FinishedStages.span(0, 1, 0, 7, 0, 1_000_000, 1, false);
    for (long t = 2; t < 1002; t++) {
      FinishedStages.fold(parent, 5, 3, 100 + t, t); // 3 calls on each of 1,000 threads
    }
    FinishedStages.fold(parent, 5, 4, 50, 1); // and 4 on the parent's own thread
    List<FoldSummary> folds = parent.folds();
    assertThat(folds).hasSize(FoldSet.THREADS_APART + 2); // apart, own, the sum
    assertThat(folds.stream().mapToLong(f -> f.calls).sum()).isEqualTo(3004);
    assertThat(folds).filteredOn(f -> f.threadId == 1).singleElement()
        .satisfies(f -> assertThat(f.calls).isEqualTo(4));
    FoldSummary others = folds.stream()
        .filter(f -> f.threadId == FoldedAggregate.OTHER_THREADS).findFirst().orElseThrow();
    assertThat(others.calls).isEqualTo(3 * (1000 - FoldSet.THREADS_APART));
    assertThat(java.util.Arrays.stream(others.bucketCounts).sum()).isEqualTo(others.calls);
    // buckets of about 3 %: far fewer than the 968 distinct values, each within 3 % of one
    assertThat(others.bucketNanos.length).isLessThan(100);
    // the summed threads are 34 to 1001, timed at 134 to 1101 ns: the median is 617.5 ns
    assertThat(others.p50Nanos).isBetween((long) (0.97 * 617.5), (long) (1.03 * 617.5));
  }

  @Test
  void foldsWaitingForTheirParentAreBoundedAndAllReachIt() {
    // a fan-out's folds arrive before their parent ends: 100,000 threads wait as a few dozen
    FoldSet waiting = new FoldSet();
    for (long t = 2; t < 100_002; t++) {
      waiting.add(FinishedStages.summary(5, 1, 100 + t % 1000, t), -1);
    }
    assertThat(waiting.held()).isEqualTo(FoldSet.THREADS_APART + 1);
    assertThat(waiting.added()).isEqualTo(100_000);
    FinishedStage parent = FinishedStages.span(0, 1, 0, 7, 0, 1_000_000, 1, false);
    FinishedStages.fold(parent, 5, 2, 40, 3); // one that came after the parent was known
    parent.addFolds(waiting);
    List<FoldSummary> folds = parent.folds();
    assertThat(folds).hasSize(FoldSet.THREADS_APART + 1);
    assertThat(folds.stream().mapToLong(f -> f.calls).sum()).isEqualTo(100_002);
    FoldSummary others = folds.stream()
        .filter(f -> f.threadId == FoldedAggregate.OTHER_THREADS).findFirst().orElseThrow();
    assertThat(java.util.Arrays.stream(others.bucketCounts).sum()).isEqualTo(others.calls);
  }

  @Test
  void groupsAscendAndHoldTheirValues() {
    long previous = -1;
    for (long v : new long[] {0, 1, 31, 32, 33, 100, 1_000, 123_456, 1L << 40}) {
      int g = Buckets.group(v);
      assertThat(g).isGreaterThanOrEqualTo((int) previous);
      previous = g;
      assertThat((double) Buckets.middle(g)).isCloseTo(v, org.assertj.core.data.Percentage
          .withPercentage(3.2));
    }
  }
}
