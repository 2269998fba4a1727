package io.perfagent.demo;

import java.util.List;

/**
 * The result of the {@code aggregate} stage.
 *
 * @param partitions one summary per partition, in partition order
 * @param customers every customer with at least one order, sorted by id
 */
public record Aggregation(List<PartitionSummary> partitions, List<CustomerSummary> customers) {}
