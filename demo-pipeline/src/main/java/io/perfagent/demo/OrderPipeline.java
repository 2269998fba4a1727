package io.perfagent.demo;

import io.perfagent.Monitored;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order pipeline: read, parse, enrich, aggregate, score, materialize, write.
 *
 * <p>{@link #run()} is the pipeline's entry point ({@code pipeline = "orders"}), so under the
 * agent each run is one trace with the stages as its children.
 */
public final class OrderPipeline {

  /** Orders per customer on average; fixes the customer count from the record count. */
  static final int ORDERS_PER_CUSTOMER = 20;

  private final int records;
  private final long seed;

  /** A pipeline over {@code records} generated orders, everything derived from {@code seed}. */
  public OrderPipeline(int records, long seed) {
    if (records < 1) {
      throw new IllegalArgumentException("records must be at least 1: " + records);
    }
    this.records = records;
    this.seed = seed;
  }

  /** Runs every stage once, deletes the output file, and returns what the run computed. */
  @Monitored(value = "run", pipeline = "orders")
  public PipelineResult run() throws IOException, InterruptedException {
    long start = System.nanoTime();
    CustomerDirectory directory =
        CustomerDirectory.generate(Math.max(1, records / ORDERS_PER_CUSTOMER), seed);
    ExecutorService pool =
        Executors.newFixedThreadPool(Partitioner.PARTITIONS, new NamedThreadFactory("aggregate"));
    try {
      byte[] csv = new OrderSource(records, directory.size(), seed).read();
      OrderBatch orders = new OrderParser().parse(csv);
      EnrichedOrders enriched = enrichAll(orders, new OrderEnricher(directory));
      Aggregation aggregation = new PartitionAggregator().aggregate(enriched, pool);
      double[] scores = new CustomerScorer(seed).score(aggregation.customers(), directory.size());
      Materialized materialized = new Materializer(directory).materialize(enriched, scores);
      WriteResult written = new ResultWriter().write(aggregation.customers(), scores, materialized);
      Files.delete(written.file());

      Checksum checksum = new Checksum();
      List<Integer> partitionRecords = new ArrayList<>(Partitioner.PARTITIONS);
      for (PartitionSummary partition : aggregation.partitions()) {
        partitionRecords.add(partition.records());
        checksum.add(partition.records()).add(partition.netCents())
            .add(partition.medianNetCents()).add(partition.p99NetCents());
      }
      for (CustomerSummary customer : aggregation.customers()) {
        checksum.add(customer.customer()).add(customer.units()).add(scores[customer.customer()]);
      }
      checksum.add(materialized.bytes()).add(materialized.hash()).add(written.bytes());
      return new PipelineResult(
          orders.size(),
          aggregation.customers().size(),
          List.copyOf(partitionRecords),
          checksum.value(),
          written.file(),
          written.bytes(),
          System.nanoTime() - start);
    } finally {
      pool.shutdown();
      // The tasks are done once aggregate returns; this only waits for the threads to exit.
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Calls {@code enrich} once per order. Deliberately not a stage itself: the per-record calls
   * sit directly under {@code run}, where the agent has to fold them.
   */
  private static EnrichedOrders enrichAll(OrderBatch orders, OrderEnricher enricher) {
    long[] netCents = new long[orders.size()];
    for (int row = 0; row < netCents.length; row++) {
      netCents[row] = enricher.enrich(orders, row);
    }
    return new EnrichedOrders(orders, netCents);
  }

  /** Names the pool threads, so they are recognisable in thread dumps and in the agent's data. */
  private static final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);

    NamedThreadFactory(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
      // Daemon so that a failed run cannot keep the JVM alive; run() still shuts the pool down.
      thread.setDaemon(true);
      return thread;
    }
  }
}
