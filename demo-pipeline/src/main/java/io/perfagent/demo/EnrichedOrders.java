package io.perfagent.demo;

/**
 * Orders with their net amounts: the output of {@code enrich}, a column beside the batch.
 *
 * @param orders the parsed orders
 * @param netCents net amount per row: gross, less the customer's discount, plus the region's tax
 */
public record EnrichedOrders(OrderBatch orders, long[] netCents) {

  /** Checks that the batch and the column have the same number of rows. */
  public EnrichedOrders {
    if (orders.size() != netCents.length) {
      throw new IllegalArgumentException(
          "rows differ: " + orders.size() + " orders, " + netCents.length + " amounts");
    }
  }

  /** Number of rows. */
  public int size() {
    return netCents.length;
  }
}
