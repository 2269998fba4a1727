package io.perfagent.demo;

import io.perfagent.Monitored;
import io.perfagent.Perf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Sums orders per customer and per partition, one task per partition on an executor.
 *
 * <p>The fan-out is the point: {@code aggregate} hands each partition to a pool thread and
 * waits, so the agent must carry the stage context across the executor, and the uneven
 * partitions of {@link Partitioner} make the wait as long as the largest task.
 */
public final class PartitionAggregator {

  /** Aggregates {@code orders} on {@code executor}, one task per partition. */
  @Monitored("aggregate")
  public Aggregation aggregate(EnrichedOrders orders, ExecutorService executor)
      throws InterruptedException {
    int[][] rows = partitionRows(orders.orders());
    List<Future<PartitionSummary>> futures = new ArrayList<>(rows.length);
    for (int p = 0; p < rows.length; p++) {
      int partition = p;
      futures.add(executor.submit(() -> aggregatePartition(partition, orders, rows[partition])));
    }

    List<PartitionSummary> summaries = new ArrayList<>(rows.length);
    List<CustomerSummary> customers = new ArrayList<>();
    for (Future<PartitionSummary> future : futures) {
      PartitionSummary summary = await(future);
      summaries.add(summary);
      customers.addAll(summary.customers());
    }
    // Partitions split customers, so merging is a concatenation; sorting makes it stable.
    customers.sort((a, b) -> Integer.compare(a.customer(), b.customer()));
    return new Aggregation(List.copyOf(summaries), List.copyOf(customers));
  }

  /**
   * Aggregates the rows {@code rows} of {@code orders}: per customer totals, median order and
   * distinct products, and the spread of order amounts over the partition.
   */
  @Monitored("aggregate.partition")
  public PartitionSummary aggregatePartition(int partition, EnrichedOrders orders, int[] rows) {
    OrderBatch batch = orders.orders();
    long[] netCents = orders.netCents();
    // Sort-based grouping, as a query engine does for a GROUP BY with a median: customer in the
    // high half, row in the low half, so the rows come out grouped by customer and in time
    // order. Sorting costs n log n, so the oversized partition falls behind more than in
    // proportion to its size.
    long[] keys = new long[rows.length];
    long[] amounts = new long[rows.length];
    long net = 0;
    for (int i = 0; i < rows.length; i++) {
      int row = rows[i];
      keys[i] = (long) batch.customer(row) << 32 | row;
      amounts[i] = netCents[row];
      net += netCents[row];
    }
    Arrays.sort(keys);

    List<CustomerSummary> customers = new ArrayList<>();
    long[] groupAmounts = new long[64];
    int[] groupSkus = new int[64];
    int start = 0;
    while (start < keys.length) {
      int customer = (int) (keys[start] >>> 32);
      int end = start;
      long units = 0;
      long customerNet = 0;
      while (end < keys.length && (int) (keys[end] >>> 32) == customer) {
        int row = (int) keys[end];
        int n = end - start;
        if (n == groupAmounts.length) {
          groupAmounts = Arrays.copyOf(groupAmounts, n * 2);
          groupSkus = Arrays.copyOf(groupSkus, n * 2);
        }
        groupAmounts[n] = netCents[row];
        groupSkus[n] = batch.sku(row);
        units += batch.quantity(row);
        customerNet += netCents[row];
        end++;
      }
      int count = end - start;
      Arrays.sort(groupAmounts, 0, count);
      Arrays.sort(groupSkus, 0, count);
      customers.add(new CustomerSummary(customer, count, units, customerNet,
          groupAmounts[(count - 1) / 2], distinct(groupSkus, count)));
      start = end;
    }

    Arrays.sort(amounts);
    Perf.records(rows.length);
    return new PartitionSummary(
        partition,
        rows.length,
        net,
        percentile(amounts, 50),
        percentile(amounts, 99),
        List.copyOf(customers));
  }

  private static int distinct(int[] sorted, int count) {
    int distinct = count == 0 ? 0 : 1;
    for (int i = 1; i < count; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }

  /** The row numbers of each partition, in row order. */
  private static int[][] partitionRows(OrderBatch batch) {
    int[] partitionOfRow = new int[batch.size()];
    int[] counts = new int[Partitioner.PARTITIONS];
    for (int row = 0; row < partitionOfRow.length; row++) {
      int partition = Partitioner.partitionOf(batch.customer(row));
      partitionOfRow[row] = partition;
      counts[partition]++;
    }
    int[][] rows = new int[Partitioner.PARTITIONS][];
    for (int p = 0; p < rows.length; p++) {
      rows[p] = new int[counts[p]];
    }
    int[] filled = new int[Partitioner.PARTITIONS];
    for (int row = 0; row < partitionOfRow.length; row++) {
      int partition = partitionOfRow[row];
      rows[partition][filled[partition]++] = row;
    }
    return rows;
  }

  private static long percentile(long[] sorted, int percent) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) ((sorted.length - 1) * (long) percent / 100)];
  }

  private static PartitionSummary await(Future<PartitionSummary> future)
      throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("partition task failed", cause);
    }
  }
}
