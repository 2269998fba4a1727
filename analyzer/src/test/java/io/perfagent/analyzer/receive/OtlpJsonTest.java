package io.perfagent.analyzer.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

  private static ExportTraceServiceRequest parse(String json) throws Exception {
    ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
    OtlpJson.merge(json.getBytes(StandardCharsets.UTF_8), b);
    return b.build();
  }

  @Test
  void idsAreHexNotBase64AndUnknownFieldsAreIgnored() throws Exception {
    ExportTraceServiceRequest r = parse("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{"
        + "\"traceId\":\"5B8EFFF798038103D269B633813FC60C\",\"spanId\":\"EEE19B7EC3C1B174\","
        + "\"parentSpanId\":\"\",\"name\":\"x\",\"startTimeUnixNano\":\"1544712660000000000\","
        + "\"endTimeUnixNano\":1544712661000000000,\"kind\":2,\"futureField\":{\"a\":1},"
        + "\"links\":[{\"traceId\":\"00000000000000000000000000000001\","
        + "\"spanId\":\"0000000000000002\"}]}]}]}]}");
    Span s = r.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(s.getTraceId()).isEqualTo(ByteString.fromHex("5b8efff798038103d269b633813fc60c"));
    assertThat(s.getSpanId()).isEqualTo(ByteString.fromHex("eee19b7ec3c1b174"));
    assertThat(s.getParentSpanId()).isEmpty();
    assertThat(s.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
    assertThat(s.getEndTimeUnixNano()).isEqualTo(1544712661000000000L);
    assertThat(s.getKindValue()).isEqualTo(2);
    assertThat(s.getLinks(0).getSpanId()).isEqualTo(ByteString.fromHex("0000000000000002"));
  }

  @Test
  void badJsonIsMalformedWithAReason() {
    assertThatThrownBy(() -> parse("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{"
        + "\"traceId\":\"not-hex-at-all!!\"}]}]}]}"))
        .isInstanceOf(BodyReader.Malformed.class).hasMessageContaining("not hex");
    assertThatThrownBy(() -> parse("{\"resourceSpans\": 3}"))
        .isInstanceOf(BodyReader.Malformed.class).hasMessageContaining("not an OTLP");
    assertThatThrownBy(() -> parse("[1,2"))
        .isInstanceOf(BodyReader.Malformed.class);
    assertThatThrownBy(() -> parse("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"))
        .isInstanceOf(BodyReader.Malformed.class);
  }
}
