package io.perfagent.demo;

import io.perfagent.Monitored;
import io.perfagent.Perf;
import java.util.SplittableRandom;

/**
 * Produces the pipeline's input: a CSV export of orders, generated from a seed.
 *
 * <p>The text is built in memory rather than read from a file so that the demo needs no data
 * set on disk and every run with the same seed reads the same bytes.
 */
public final class OrderSource {

  /** The CSV header line, without its line break. */
  public static final String HEADER = "id,customer,sku,quantity,price,timestamp";

  static final int SKUS = 5_000;

  private static final long FIRST_TIMESTAMP_MILLIS = 1_700_000_000_000L;

  private final int records;
  private final int customers;
  private final long seed;

  /** A source of {@code records} orders over {@code customers} customers. */
  public OrderSource(int records, int customers, long seed) {
    if (records < 0 || customers < 1) {
      throw new IllegalArgumentException(
          "need records >= 0 and customers >= 1: " + records + ", " + customers);
    }
    this.records = records;
    this.customers = customers;
    this.seed = seed;
  }

  /** The CSV text, header first, one order per line, as ASCII bytes. */
  @Monitored("read")
  public byte[] read() {
    SplittableRandom random = new SplittableRandom(seed);
    // About 50 bytes a line; sizing up front saves copying a 100 MB buffer as it grows.
    AsciiBuffer csv = new AsciiBuffer((int) Math.min(Integer.MAX_VALUE - 16, 64L + records * 52L));
    csv.append(HEADER).append('\n');
    long timestamp = FIRST_TIMESTAMP_MILLIS;
    for (int i = 0; i < records; i++) {
      int sku = random.nextInt(SKUS);
      timestamp += random.nextInt(250);
      long cents = priceCents(sku);
      csv.append(i + 1L)
          .append(",C").appendPadded(random.nextInt(customers), 7)
          .append(",SKU-").appendPadded(sku, 5)
          .append(',').append(1 + random.nextInt(5))
          .append(',').append(cents / 100).append('.').appendPadded(cents % 100, 2)
          .append(',').append(timestamp)
          .append('\n');
    }
    byte[] bytes = csv.toByteArray();
    Perf.bytes(bytes.length);
    return bytes;
  }

  /** A fixed list price per SKU, so that the same product always costs the same. */
  static long priceCents(int sku) {
    return 199 + (sku * 7_919L) % 19_800;
  }
}
