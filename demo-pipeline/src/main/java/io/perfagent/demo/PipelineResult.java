package io.perfagent.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one {@link OrderPipeline#run()}.
 *
 * @param records orders processed
 * @param customers customers with at least one order
 * @param partitionRecords orders per aggregation partition, in partition order
 * @param checksum a hash over everything the run computed; equal for equal seeds and sizes
 * @param outputFile the temporary output file, already deleted
 * @param outputBytes the size the output file had before it was deleted
 * @param elapsedNanos wall time of the run; the only field that differs between equal runs
 */
public record PipelineResult(
    long records,
    int customers,
    List<Integer> partitionRecords,
    long checksum,
    Path outputFile,
    long outputBytes,
    long elapsedNanos) {

  /** One line for the console. */
  public String summary() {
    return String.format(
        "orders: %d records, %d customers, partitions %s, checksum %016x, output %d bytes, %d ms",
        records, customers, partitionRecords, checksum, outputBytes, elapsedNanos / 1_000_000);
  }
}
