package io.perfagent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OrderParserTest {

  @Test
  void parsesWhatTheSourceGenerates() {
    byte[] csv = new OrderSource(1_000, 50, 3).read();

    OrderBatch orders = new OrderParser().parse(csv);

    assertThat(orders.size()).isEqualTo(1_000);
    for (int row = 0; row < orders.size(); row++) {
      assertThat(orders.id(row)).isEqualTo(row + 1);
      assertThat(orders.customer(row)).isBetween(0, 49);
      assertThat(orders.quantity(row)).isBetween(1, 5);
      assertThat(orders.priceCents(row)).isEqualTo(OrderSource.priceCents(orders.sku(row)));
    }
  }

  @Test
  void readsPriceAsUnitsAndCentsWithoutFinalLineBreak() {
    byte[] csv = (OrderSource.HEADER + "\n7,C0000003,SKU-00012,2,19.05,1700000000000")
        .getBytes(StandardCharsets.US_ASCII);

    OrderBatch orders = new OrderParser().parse(csv);

    assertThat(orders.size()).isEqualTo(1);
    assertThat(orders.order(0)).isEqualTo(new Order(7, 3, 12, 2, 1_905, 1_700_000_000_000L));
  }

  @Test
  void rejectsMalformedLineWithItsNumber() {
    byte[] csv = (OrderSource.HEADER + "\n1,C0000003,SKU-00012,2,19.5,1700000000000\n")
        .getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> new OrderParser().parse(csv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }
}
