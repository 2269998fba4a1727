package io.perfagent.demo;

import java.util.List;

/**
 * The result of aggregating one partition.
 *
 * @param partition partition index, {@link Partitioner#STRAGGLER} being the oversized one
 * @param records orders in the partition
 * @param netCents net amount of the partition
 * @param medianNetCents median order amount
 * @param p99NetCents 99th percentile order amount
 * @param customers the partition's customers, sorted by id
 */
public record PartitionSummary(
    int partition,
    int records,
    long netCents,
    long medianNetCents,
    long p99NetCents,
    List<CustomerSummary> customers) {}
