package io.perfagent.analysis.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void unitsReadLikeAPersonWouldWriteThem() {
    assertThat(Units.duration(950)).isEqualTo("950 ns");
    assertThat(Units.duration(1_500)).isEqualTo("1.50 µs");
    assertThat(Units.duration(25_300_000)).isEqualTo("25.3 ms");
    assertThat(Units.duration(7_100_000_000L)).isEqualTo("7.10 s");
    assertThat(Units.bytes(64L * 1024 * 1024)).isEqualTo("64.0 MiB");
    assertThat(Units.percent(0.4213)).isEqualTo("42.1 %");
    assertThat(Units.rate(1_234_567)).isEqualTo("1.23M");
    assertThat(Units.rate(30_100)).isEqualTo("30.1k");
    assertThat(Units.rate(12)).isEqualTo("12.0");
  }
}
