package io.perfagent.demo;

import io.perfagent.Monitored;

/**
 * Joins an order with its customer and prices it.
 *
 * <p>Called once per record, millions of times a run: the per-call stage that the agent folds
 * into statistics under its parent instead of emitting a span per call. It is kept to a
 * customer lookup and a few integer operations so that the call itself, not the work,
 * dominates.
 */
public final class OrderEnricher {

  private static final long BASIS_POINTS = 10_000;

  private final CustomerDirectory customers;

  /** An enricher that looks customers up in {@code customers}. */
  public OrderEnricher(CustomerDirectory customers) {
    this.customers = customers;
  }

  /** The net amount of row {@code row} of {@code orders}, in cents. */
  @Monitored("enrich")
  public long enrich(OrderBatch orders, int row) {
    Customer customer = customers.lookup(orders.customer(row));
    long gross = orders.priceCents(row) * orders.quantity(row);
    // Integer cents throughout: floating point would make the checksum depend on rounding.
    long discounted = gross - gross * customer.discountBasisPoints() / BASIS_POINTS;
    long tax = discounted * CustomerDirectory.taxBasisPoints(customer.region()) / BASIS_POINTS;
    return discounted + tax;
  }
}
