package io.perfagent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the whole pipeline without the agent on a small data set. */
class OrderPipelineTest {

  private static final int RECORDS = 20_000;

  @Test
  void sameSeedGivesSameChecksum() throws Exception {
    PipelineResult first = new OrderPipeline(RECORDS, 7).run();
    PipelineResult second = new OrderPipeline(RECORDS, 7).run();

    assertThat(second.checksum()).isEqualTo(first.checksum());
    assertThat(second.partitionRecords()).isEqualTo(first.partitionRecords());
    assertThat(second.outputBytes()).isEqualTo(first.outputBytes());
  }

  @Test
  void differentSeedGivesDifferentChecksum() throws Exception {
    PipelineResult first = new OrderPipeline(RECORDS, 7).run();
    PipelineResult other = new OrderPipeline(RECORDS, 8).run();

    assertThat(other.checksum()).isNotEqualTo(first.checksum());
  }

  @Test
  void everyRecordIsProcessedOnce() throws Exception {
    PipelineResult result = new OrderPipeline(RECORDS, 7).run();

    assertThat(result.records()).isEqualTo(RECORDS);
    assertThat(result.partitionRecords()).hasSize(Partitioner.PARTITIONS);
    assertThat(result.partitionRecords().stream().mapToLong(Integer::longValue).sum())
        .isEqualTo(RECORDS);
    assertThat(result.customers())
        .isPositive()
        .isLessThanOrEqualTo(RECORDS / OrderPipeline.ORDERS_PER_CUSTOMER);
  }

  @Test
  void stragglerPartitionIsTheLargestByFar() throws Exception {
    List<Integer> partitions = new OrderPipeline(RECORDS, 7).run().partitionRecords();

    int straggler = partitions.get(Partitioner.STRAGGLER);
    assertThat(straggler).isEqualTo(Collections.max(partitions));
    // About 70 % against 10 % for each of the others: several times the next largest.
    for (int p = 0; p < partitions.size(); p++) {
      if (p != Partitioner.STRAGGLER) {
        assertThat(straggler).isGreaterThan(3 * partitions.get(p));
      }
    }
    int expected = RECORDS / 100 * Partitioner.STRAGGLER_PERCENT;
    assertThat(straggler).isBetween(expected - RECORDS / 20, expected + RECORDS / 20);
  }

  @Test
  void outputFileIsWrittenThenRemoved() throws Exception {
    PipelineResult result = new OrderPipeline(RECORDS, 7).run();

    assertThat(result.outputBytes()).isPositive();
    assertThat(result.outputFile().getFileName().toString()).startsWith("perf-demo-");
    assertThat(Files.exists(result.outputFile())).isFalse();
  }
}
