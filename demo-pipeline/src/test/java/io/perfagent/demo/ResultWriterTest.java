package io.perfagent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code write} stage on its own, where the file can be looked at before it is deleted. */
class ResultWriterTest {

  @Test
  void writesCustomersThenWindowLines() throws Exception {
    List<CustomerSummary> customers =
        List.of(
            new CustomerSummary(0, 2, 5, 1_234, 600, 2), new CustomerSummary(1, 1, 1, 99, 99, 1));
    double[] scores = {10.5, 2.25};
    Materialized materialized = new Materialized(
        1, 9, 0, List.of("{\"id\":1}".getBytes(StandardCharsets.UTF_8)));

    WriteResult result = new ResultWriter().write(customers, scores, materialized);
    try {
      assertThat(Files.readAllLines(result.file()))
          .containsExactly(
              ResultWriter.HEADER.strip(), "0,2,5,1234,600,2,10.5", "1,1,1,99,99,1,2.25",
              "{\"id\":1}");
      assertThat(result.bytes()).isEqualTo(Files.size(result.file()));
    } finally {
      Files.deleteIfExists(result.file());
    }
  }
}
