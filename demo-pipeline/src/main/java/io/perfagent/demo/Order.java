package io.perfagent.demo;

/**
 * One parsed order row.
 *
 * @param id order id, from 1
 * @param customer customer id, an index into {@link CustomerDirectory}
 * @param sku product id
 * @param quantity units ordered, at least 1
 * @param priceCents unit price in cents
 * @param timestampMillis order time, epoch milliseconds
 */
public record Order(
    long id, int customer, int sku, int quantity, long priceCents, long timestampMillis) {}
