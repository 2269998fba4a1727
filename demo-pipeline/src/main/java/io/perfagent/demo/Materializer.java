package io.perfagent.demo;

import io.perfagent.Monitored;
import io.perfagent.Perf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats every order as a JSON line, encodes it, and keeps a rolling window of the latest.
 *
 * <p>The allocation-heavy stage: a string and a byte array per order, a few hundred bytes, all
 * but the window dead at once. It is written the way such code usually is (build a string,
 * then encode it) so that the agent's allocation figures have something real to show.
 */
public final class Materializer {

  /** Lines kept for the {@code write} stage. */
  public static final int WINDOW = 4_096;

  /** Longer than any line, so the shared builder never regrows. */
  private static final int LINE_CAPACITY = 192;

  private final CustomerDirectory customers;

  /** A materializer that names regions through {@code customers}. */
  public Materializer(CustomerDirectory customers) {
    this.customers = customers;
  }

  /** Formats {@code orders} with their customers' {@code scores} (indexed by customer id). */
  @Monitored("materialize")
  public Materialized materialize(EnrichedOrders orders, double[] scores) {
    byte[][] window = new byte[WINDOW][];
    // One builder, reset per line: a fresh one per line would double the garbage, and the
    // heap growth that follows costs more than the formatting on a small machine.
    StringBuilder builder = new StringBuilder(LINE_CAPACITY);
    long bytes = 0;
    long hash = 0;
    for (int row = 0; row < orders.size(); row++) {
      builder.setLength(0);
      String line = format(builder, orders, row, scores);
      byte[] encoded = line.getBytes(StandardCharsets.UTF_8);
      window[row % WINDOW] = encoded;
      bytes += encoded.length;
      hash = hash * 31 + line.hashCode();
    }
    Perf.records(orders.size());
    Perf.bytes(bytes);
    return new Materialized(orders.size(), bytes, hash, oldestFirst(window, orders.size()));
  }

  private String format(StringBuilder line, EnrichedOrders enriched, int row, double[] scores) {
    OrderBatch orders = enriched.orders();
    int customer = orders.customer(row);
    long net = enriched.netCents()[row];
    line.append("{\"id\":").append(orders.id(row))
        .append(",\"customer\":\"C").append(customer)
        .append("\",\"sku\":\"SKU-").append(orders.sku(row))
        .append("\",\"quantity\":").append(orders.quantity(row))
        .append(",\"net\":").append(net / 100).append('.').append(twoDigits(net % 100))
        .append(",\"region\":\"")
        .append(CustomerDirectory.REGIONS[customers.lookup(customer).region()])
        .append("\",\"ts\":").append(orders.timestampMillis(row))
        .append(",\"score\":").append(Math.round(scores[customer]))
        .append('}');
    return line.toString();
  }

  private static String twoDigits(long value) {
    return value < 10 ? "0" + value : Long.toString(value);
  }

  private static List<byte[]> oldestFirst(byte[][] ring, int written) {
    int size = Math.min(written, ring.length);
    int start = written <= ring.length ? 0 : written % ring.length;
    List<byte[]> lines = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      lines.add(ring[(start + i) % ring.length]);
    }
    return List.copyOf(lines);
  }
}
