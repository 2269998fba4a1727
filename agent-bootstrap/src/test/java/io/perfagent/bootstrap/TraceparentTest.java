package io.perfagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The W3C traceparent header, written and read back, and what is not one. */
class TraceparentTest {

  @Test
  void writtenHeadersReadBack() {
    String h = Traceparent.format(0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L);
    assertThat(h).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(Traceparent.parse(h))
        .containsExactly(0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L);
    assertThat(Traceparent.format(0, 1, 2)).isEqualTo(
        "00-00000000000000000000000000000001-0000000000000002-01");
  }

  @Test
  void whatIsNotAHeaderIsRefused() {
    String ok = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    assertThat(Traceparent.parse(ok)).isNotNull();
    assertThat(Traceparent.parse(null)).isNull();
    assertThat(Traceparent.parse("")).isNull();
    assertThat(Traceparent.parse(ok.substring(1))).as("short").isNull();
    assertThat(Traceparent.parse(ok.toUpperCase())).as("uppercase hex").isNull();
    assertThat(Traceparent.parse(ok.replace('-', '_'))).as("separators").isNull();
    assertThat(Traceparent.parse("ff" + ok.substring(2))).as("version ff").isNull();
    assertThat(Traceparent.parse(ok + "-extra")).as("version 00 with more").isNull();
    assertThat(Traceparent.parse("01" + ok.substring(2) + "-extra"))
        .as("a later version may append fields").isNotNull();
    assertThat(Traceparent.parse("00-00000000000000000000000000000000-b7ad6b7169203331-01"))
        .as("zero trace id").isNull();
    assertThat(Traceparent.parse("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"))
        .as("zero parent id").isNull();
    assertThat(Traceparent.parse("00-0af7651916cd43dd8448eb211c80319g-b7ad6b7169203331-01"))
        .as("not hex").isNull();
  }
}
