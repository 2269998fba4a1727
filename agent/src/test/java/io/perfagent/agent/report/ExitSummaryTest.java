package io.perfagent.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitSummaryTest {

  @Test
  void unitsReadLikeAPersonWouldWriteThem() {
    assertThat(Units.nanos(950)).isEqualTo("950ns");
    assertThat(Units.nanos(1_500)).isEqualTo("1.50us");
    assertThat(Units.nanos(25_300_000)).isEqualTo("25.3ms");
    assertThat(Units.nanos(7_100_000_000L)).isEqualTo("7.10s");
    assertThat(Units.bytes(64L * 1024 * 1024)).isEqualTo("64.0MiB");
    assertThat(Units.bytes(-1)).isEqualTo("n/a");
    assertThat(Units.rate(1_234_567)).isEqualTo("1.23M");
    assertThat(Units.rate(0)).isEqualTo("-");
  }
}
