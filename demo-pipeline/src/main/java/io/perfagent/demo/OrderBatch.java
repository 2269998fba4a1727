package io.perfagent.demo;

/**
 * Parsed orders, stored by column: one primitive array per field, a row per order.
 *
 * <p>Columns rather than an {@link Order} object per row, as in most batch engines: two
 * million small objects would be copied by every young collection while the batch is being
 * built, and the collector's reaction (a much larger heap) would then slow every later stage
 * more than the work itself does. {@link #order(int)} gives a row as a value when one is
 * convenient.
 */
public final class OrderBatch {

  private final long[] ids;
  private final int[] customers;
  private final int[] skus;
  private final int[] quantities;
  private final long[] priceCents;
  private final long[] timestampsMillis;

  /** An empty batch with room for {@code capacity} rows, to be filled by {@link #set}. */
  OrderBatch(int capacity) {
    ids = new long[capacity];
    customers = new int[capacity];
    skus = new int[capacity];
    quantities = new int[capacity];
    priceCents = new long[capacity];
    timestampsMillis = new long[capacity];
  }

  /** Number of rows. */
  public int size() {
    return ids.length;
  }

  void set(int row, long id, int customer, int sku, int quantity, long price, long timestamp) {
    ids[row] = id;
    customers[row] = customer;
    skus[row] = sku;
    quantities[row] = quantity;
    priceCents[row] = price;
    timestampsMillis[row] = timestamp;
  }

  /** Order id of {@code row}. */
  public long id(int row) {
    return ids[row];
  }

  /** Customer id of {@code row}. */
  public int customer(int row) {
    return customers[row];
  }

  /** Product id of {@code row}. */
  public int sku(int row) {
    return skus[row];
  }

  /** Units ordered in {@code row}. */
  public int quantity(int row) {
    return quantities[row];
  }

  /** Unit price of {@code row}, in cents. */
  public long priceCents(int row) {
    return priceCents[row];
  }

  /** Order time of {@code row}, epoch milliseconds. */
  public long timestampMillis(int row) {
    return timestampsMillis[row];
  }

  /** Row {@code row} as a value. */
  public Order order(int row) {
    return new Order(ids[row], customers[row], skus[row], quantities[row], priceCents[row],
        timestampsMillis[row]);
  }
}
