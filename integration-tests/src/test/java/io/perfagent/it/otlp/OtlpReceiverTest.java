package io.perfagent.it.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Each receiver decodes a real request sent over its socket. */
class OtlpReceiverTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void httpReceiverDecodesSpans() throws Exception {
    try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
      assertThat(receiver.protocol()).isEqualTo("http/protobuf");
      assertThat(receiver.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");

      HttpResponse<byte[]> response = post(receiver, "/v1/traces", traces().toByteArray(), false);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
      assertDecodedSpans(receiver.awaitSpans(l -> l.size() == 2, WAIT));
      assertThat(receiver.traceRequests()).hasSize(1);
    }
  }

  @Test
  void httpReceiverDecodesGzipMetrics() throws Exception {
    try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
      HttpResponse<byte[]> response =
          post(receiver, "/v1/metrics", gzip(metrics(5).toByteArray()), true);

      assertThat(response.statusCode()).isEqualTo(200);
      assertDecodedMetrics(receiver.awaitMetrics(l -> l.size() == 2, WAIT), 5);
    }
  }

  @Test
  void httpReceiverRejectsMalformedBody() throws Exception {
    try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
      // A truncated varint: no protobuf parser accepts it.
      byte[] garbage = {(byte) 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff};

      HttpResponse<byte[]> traces = post(receiver, "/v1/traces", garbage, false);
      HttpResponse<byte[]> metrics = post(receiver, "/v1/metrics", garbage, false);
      HttpResponse<byte[]> badGzip = post(receiver, "/v1/traces", garbage, true);

      assertThat(traces.statusCode()).isEqualTo(400);
      assertThat(metrics.statusCode()).isEqualTo(400);
      assertThat(badGzip.statusCode()).isEqualTo(400);
      assertThat(receiver.malformedRequests()).isEqualTo(3);
      assertThat(receiver.spans()).isEmpty();
      assertThat(receiver.metrics()).isEmpty();
    }
  }

  @Test
  void grpcReceiverDecodesSpansAndMetrics() throws Exception {
    try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start()) {
      assertThat(receiver.protocol()).isEqualTo("grpc");
      URI uri = URI.create(receiver.endpoint());
      ManagedChannel channel =
          NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
      try {
        TraceServiceGrpc.newBlockingStub(channel).export(traces());
        MetricsServiceGrpc.newBlockingStub(channel).withCompression("gzip").export(metrics(7));
        MetricsServiceGrpc.newBlockingStub(channel).export(metrics(9));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }

      assertDecodedSpans(receiver.awaitSpans(l -> l.size() == 2, WAIT));
      List<ReceivedMetric> metrics = receiver.awaitMetrics(l -> l.size() == 4, WAIT);
      // Cumulative: the later export wins.
      assertDecodedMetrics(metrics, 9);
    }
  }

  @Test
  void awaitFailsWithWhatArrived() throws Exception {
    try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
      post(receiver, "/v1/traces", traces().toByteArray(), false);
      receiver.awaitSpans(l -> l.size() == 2, WAIT);
      long start = System.nanoTime();
      try {
        receiver.awaitSpans(l -> l.size() == 3, Duration.ofMillis(300));
        throw new IllegalStateException("expected a timeout");
      } catch (AssertionError expected) {
        assertThat(expected).hasMessageContaining("stage.one").hasMessageContaining("got 2");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
          Duration.ofMillis(300));
    }
  }

  private static void assertDecodedSpans(List<ReceivedSpan> spans) {
    assertThat(spans).hasSize(2);
    ReceivedSpan parent = spans.get(0);
    ReceivedSpan child = spans.get(1);
    assertThat(parent.traceId()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
    assertThat(parent.spanId()).isEqualTo("1111111111111111");
    assertThat(parent.parentSpanId()).isEmpty();
    assertThat(parent.isRoot()).isTrue();
    assertThat(parent.name()).isEqualTo("stage.one");
    assertThat(parent.kind()).isEqualTo("INTERNAL");
    assertThat(parent.startEpochNanos()).isEqualTo(1_000L);
    assertThat(parent.endEpochNanos()).isEqualTo(5_000L);
    assertThat(parent.durationNanos()).isEqualTo(4_000L);
    assertThat(parent.statusCode()).isEqualTo("UNSET");
    assertThat(parent.scopeName()).isEqualTo("io.perfagent");
    assertThat(parent.scopeVersion()).isEqualTo("0.1");
    assertThat(parent.resource()).containsEntry("service.name", "svc");
    assertThat(parent.attributes())
        .containsEntry("perf.stage", "stage.one")
        .containsEntry("perf.cpu_ns", 42L)
        .containsEntry("ratio", 0.5)
        .containsEntry("flag", true)
        .containsEntry("list", List.of("a", "b"));
    assertThat(parent.longAttr("perf.cpu_ns")).isEqualTo(42L);
    assertThat(parent.stringAttr("perf.stage")).isEqualTo("stage.one");

    assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
    assertThat(child.statusCode()).isEqualTo("ERROR");
    assertThat(child.statusMessage()).isEqualTo("boom");
    assertThat(child.events()).singleElement().satisfies(e -> {
      assertThat(e.name()).isEqualTo("exception");
      assertThat(e.epochNanos()).isEqualTo(3_000L);
      assertThat(e.attributes()).containsEntry("exception.type", "java.lang.IllegalStateException");
    });
  }

  private static void assertDecodedMetrics(List<ReceivedMetric> metrics, long count) {
    ReceivedMetric histogram = MetricQuery.named(metrics, "perf.stage.duration").get(0);
    assertThat(histogram.type()).isEqualTo(ReceivedMetric.Type.HISTOGRAM);
    assertThat(histogram.unit()).isEqualTo("s");
    assertThat(histogram.temporality()).isEqualTo(ReceivedMetric.Temporality.CUMULATIVE);
    assertThat(histogram.resource()).containsEntry("service.name", "svc");
    assertThat(histogram.scopeName()).isEqualTo("io.perfagent");
    ReceivedMetric.Point p =
        MetricQuery.single(metrics, "perf.stage.duration", "perf.stage", "stage.one");
    assertThat(p.count()).isEqualTo(count);
    assertThat(p.sum()).isEqualTo(1.5);
    assertThat(p.max()).isEqualTo(0.75);
    assertThat(p.attributes()).containsEntry("perf.pipeline", "pipe");

    ReceivedMetric.Point errors =
        MetricQuery.single(metrics, "perf.stage.errors", "perf.stage", "stage.one");
    assertThat(errors.value()).isEqualTo(count * 2);
    assertThat(MetricQuery.named(metrics, "perf.stage.errors").get(0).monotonic()).isTrue();
  }

  private static HttpResponse<byte[]> post(OtlpReceiver receiver, String path, byte[] body,
      boolean gzip) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.endpoint() + path))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  private static Resource resource() {
    return Resource.newBuilder().addAttributes(kv("service.name", str("svc"))).build();
  }

  private static ExportTraceServiceRequest traces() {
    byte[] traceId = new byte[16];
    for (int i = 0; i < 16; i++) {
      traceId[i] = (byte) (i + 1);
    }
    ByteString trace = ByteString.copyFrom(traceId);
    ByteString parentId = ByteString.copyFrom(new byte[] {0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
        0x11, 0x11});
    Span parent = Span.newBuilder()
        .setTraceId(trace)
        .setSpanId(parentId)
        .setName("stage.one")
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(1_000L)
        .setEndTimeUnixNano(5_000L)
        .addAttributes(kv("perf.stage", str("stage.one")))
        .addAttributes(kv("perf.cpu_ns", AnyValue.newBuilder().setIntValue(42).build()))
        .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.5).build()))
        .addAttributes(kv("flag", AnyValue.newBuilder().setBoolValue(true).build()))
        .addAttributes(kv("list", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(str("a")).addValues(str("b"))).build()))
        .build();
    Span child = Span.newBuilder()
        .setTraceId(trace)
        .setSpanId(ByteString.copyFrom(new byte[] {0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
            0x22}))
        .setParentSpanId(parentId)
        .setName("stage.two")
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(2_000L)
        .setEndTimeUnixNano(4_000L)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
            .setMessage("boom"))
        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(3_000L)
            .addAttributes(kv("exception.type", str("java.lang.IllegalStateException"))))
        .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(resource())
            .addScopeSpans(ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.perfagent")
                    .setVersion("0.1"))
                .addSpans(parent)
                .addSpans(child)))
        .build();
  }

  private static ExportMetricsServiceRequest metrics(long count) {
    List<KeyValue> attrs = List.of(kv("perf.pipeline", str("pipe")),
        kv("perf.stage", str("stage.one")));
    Metric histogram = Metric.newBuilder()
        .setName("perf.stage.duration")
        .setUnit("s")
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(HistogramDataPoint.newBuilder()
                .addAllAttributes(attrs)
                .setTimeUnixNano(count)
                .setCount(count)
                .setSum(1.5)
                .setMax(0.75)))
        .build();
    Metric errors = Metric.newBuilder()
        .setName("perf.stage.errors")
        .setSum(Sum.newBuilder()
            .setIsMonotonic(true)
            .setAggregationTemporality(
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(NumberDataPoint.newBuilder()
                .addAllAttributes(attrs)
                .setTimeUnixNano(count)
                .setAsInt(count * 2)))
        .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(resource())
            .addScopeMetrics(ScopeMetrics.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.perfagent"))
                .addMetrics(histogram)
                .addMetrics(errors)))
        .build();
  }

}
