package io.perfagent.demo;

import io.perfagent.Monitored;
import io.perfagent.Perf;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the per-customer scores and the latest materialized lines to a temporary file.
 *
 * <p>The file is the caller's to delete: the pipeline removes it when the run ends, so a
 * demo run leaves nothing behind.
 */
public final class ResultWriter {

  /** The first line of the output file. */
  public static final String HEADER =
      "customer,orders,units,net_cents,median_net_cents,distinct_skus,score\n";

  private static final int BUFFER_BYTES = 1 << 16;

  /** Writes the results to a new temporary file. */
  @Monitored("write")
  public WriteResult write(
      List<CustomerSummary> customers, double[] scores, Materialized materialized)
      throws IOException {
    Path file = Files.createTempFile("perf-demo-", ".out");
    try {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        OutputStream out =
            new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
        for (CustomerSummary customer : customers) {
          String row = customer.customer() + "," + customer.orders() + "," + customer.units() + ","
              + customer.netCents() + "," + customer.medianNetCents() + ","
              + customer.distinctSkus() + "," + scores[customer.customer()] + "\n";
          out.write(row.getBytes(StandardCharsets.US_ASCII));
        }
        for (byte[] line : materialized.window()) {
          out.write(line);
          out.write('\n');
        }
        // A block stage of its own: forcing to disk can stall on a busy device, and that wait
        // must not hide inside the CPU time of formatting the rows.
        try (Perf.Stage s = Perf.stage("write.flush")) {
          out.flush();
          channel.force(true);
        }
      }
      long bytes = Files.size(file);
      Perf.records(customers.size() + materialized.window().size());
      Perf.bytes(bytes);
      return new WriteResult(file, bytes);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }
}
