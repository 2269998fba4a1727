package io.perfagent.demo;

/**
 * Reference data for one customer.
 *
 * @param id customer id, equal to its index in {@link CustomerDirectory}
 * @param region sales region, an index into {@link CustomerDirectory#REGIONS}
 * @param tier loyalty tier, 0 (none) to 3
 * @param discountBasisPoints discount granted on every order, in 1/100 of a percent
 */
public record Customer(int id, int region, int tier, int discountBasisPoints) {}
