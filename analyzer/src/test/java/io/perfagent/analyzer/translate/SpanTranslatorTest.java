package io.perfagent.analyzer.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import org.junit.jupiter.api.Test;

class SpanTranslatorTest {

  static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }

  static KeyValue kv(String k, long v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setIntValue(v)).build();
  }

  static KeyValue kv(String k, long... v) {
    ArrayValue.Builder a = ArrayValue.newBuilder();
    for (long x : v) {
      a.addValues(AnyValue.newBuilder().setIntValue(x));
    }
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setArrayValue(a))
        .build();
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "svc"))
            .addAttributes(kv("service.instance.id", "i-1")))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(java.util.List.of(spans)))).build();
  }

  private static Span.Builder span() {
    return Span.newBuilder()
        .setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
        .setSpanId(ByteString.fromHex("b7ad6b7169203331"))
        .setParentSpanId(ByteString.fromHex("00f067aa0ba902b7"))
        .setName("aggregate.partition").setStartTimeUnixNano(1000).setEndTimeUnixNano(5000);
  }

  @Test
  void theAgentsAttributesBecomeTheStageSpanTheExitReportWouldBuild() {
    Span s = span()
        .addAttributes(kv("perf.stage", "aggregate.partition"))
        .addAttributes(kv("perf.pipeline", "orders"))
        .addAttributes(kv("perf.cpu_ns", 3000))
        .addAttributes(kv("perf.cpu_source", "measured"))
        .addAttributes(kv("perf.alloc_bytes", 4096))
        .addAttributes(kv("perf.records", 7))
        .addAttributes(kv("perf.bytes", 70))
        .addAttributes(kv("thread.id", 42))
        .addAttributes(kv("thread.name", "pool-1"))
        .addAttributes(kv("error.type", "java.io.IOException"))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
        .addAttributes(kv("perf.folded.enrich.v2.calls", 100))
        .addAttributes(kv("perf.folded.enrich.v2.errors", 1))
        .addAttributes(kv("perf.folded.enrich.v2.wall_ns", 2000))
        .addAttributes(kv("perf.folded.enrich.v2.cpu_ns", -1))
        .addAttributes(kv("perf.folded.enrich.v2.alloc_bytes", 800))
        .addAttributes(kv("perf.folded.enrich.v2.records", 100))
        .addAttributes(kv("perf.folded.enrich.v2.bytes", 0))
        .addAttributes(kv("perf.folded.enrich.v2.p50_ns", 18))
        .addAttributes(kv("perf.folded.enrich.v2.p99_ns", 40))
        .addAttributes(kv("perf.folded.enrich.v2.max_ns", 90))
        .addAttributes(kv("perf.folded.enrich.v2.timed_calls", 3))
        .addAttributes(kv("perf.folded.enrich.v2.within", "outer"))
        .addAttributes(kv("perf.folded.enrich.v2.bucket_ns", 10, 20, 40))
        .addAttributes(kv("perf.folded.enrich.v2.bucket_counts", 50, 40, 10))
        .build();
    Translation t = SpanTranslator.translate(request(s));
    assertThat(t.rejected()).isZero();
    assertThat(t.spans()).hasSize(1);
    IncomingSpan in = t.spans().get(0);
    assertThat(in.service()).isEqualTo("svc");
    assertThat(in.instance()).isEqualTo("i-1");
    StageSpan x = in.span();
    assertThat(x.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(x.spanId()).isEqualTo("b7ad6b7169203331");
    assertThat(x.parentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(x.stage()).isEqualTo("aggregate.partition");
    assertThat(x.pipeline()).isEqualTo("orders");
    assertThat(x.startNanos()).isEqualTo(1000);
    assertThat(x.endNanos()).isEqualTo(5000);
    assertThat(x.cpuNanos()).isEqualTo(3000);
    assertThat(x.cpuExact()).isTrue();
    assertThat(x.allocBytes()).isEqualTo(4096);
    assertThat(x.blockedNanos()).as("lock time is never exported").isEqualTo(-1);
    assertThat(x.records()).isEqualTo(7);
    assertThat(x.bytes()).isEqualTo(70);
    assertThat(x.threadId()).isEqualTo(42);
    assertThat(x.threadName()).isEqualTo("pool-1");
    assertThat(x.error()).isTrue();
    assertThat(x.errorType()).isEqualTo("java.io.IOException");
    assertThat(x.folded()).hasSize(1);
    FoldedAggregate f = x.folded().get(0);
    assertThat(f.stage()).as("a stage name with a dot").isEqualTo("enrich.v2");
    assertThat(f.calls()).isEqualTo(100);
    assertThat(f.errors()).isEqualTo(1);
    assertThat(f.wallNanos()).isEqualTo(2000);
    assertThat(f.cpuNanos()).isEqualTo(-1);
    assertThat(f.allocBytes()).isEqualTo(800);
    assertThat(f.p50Nanos()).isEqualTo(18);
    assertThat(f.p99Nanos()).isEqualTo(40);
    assertThat(f.maxNanos()).isEqualTo(90);
    assertThat(f.timedCalls()).isEqualTo(3);
    assertThat(f.within()).isEqualTo("outer");
    assertThat(f.buckets().size()).isEqualTo(3);
    assertThat(f.buckets().totalCount()).isEqualTo(100);
    assertThat(f.threadId()).as("not exported: unknown").isEqualTo(-1);
  }

  @Test
  void sampledCpuIsUnknownPerCallAsInTheExitReport() {
    Span s = span().addAttributes(kv("perf.stage", "x")).addAttributes(kv("perf.cpu_ns", 500))
        .addAttributes(kv("perf.cpu_source", "sampled")).build();
    StageSpan x = SpanTranslator.translate(request(s)).spans().get(0).span();
    assertThat(x.cpuNanos()).isEqualTo(-1);
    assertThat(x.cpuExact()).isFalse();
    assertThat(x.allocBytes()).isEqualTo(-1);
    assertThat(x.error()).isFalse();
  }

  @Test
  void invalidIdsAreRejectedSpansWithoutAStageAreCountedApart() {
    Span badTrace = span().setTraceId(ByteString.copyFrom(new byte[16]))
        .addAttributes(kv("perf.stage", "x")).build();
    Span badSpan = span().setSpanId(ByteString.fromHex("01")).build();
    Span foreign = span().build();
    Translation t = SpanTranslator.translate(request(badTrace, badSpan, foreign));
    assertThat(t.rejected()).isEqualTo(2);
    assertThat(t.rejectedReason()).contains("span_id");
    assertThat(t.notStages()).isEqualTo(1);
    assertThat(t.spans()).isEmpty();
    assertThat(t.total()).isEqualTo(3);
  }

  @Test
  void bucketsThatDoNotAscendOrPairAreLeftOut() {
    Span s = span().addAttributes(kv("perf.stage", "p"))
        .addAttributes(kv("perf.folded.f.calls", 5))
        .addAttributes(kv("perf.folded.f.bucket_ns", 40, 10))
        .addAttributes(kv("perf.folded.f.bucket_counts", 1, 4)).build();
    FoldedAggregate f = SpanTranslator.translate(request(s)).spans().get(0).span().folded()
        .get(0);
    assertThat(f.calls()).isEqualTo(5);
    assertThat(f.buckets().size()).isZero();
  }

  static KeyValue doubles(String k, double... v) {
    ArrayValue.Builder a = ArrayValue.newBuilder();
    for (double x : v) {
      a.addValues(AnyValue.newBuilder().setDoubleValue(x));
    }
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setArrayValue(a))
        .build();
  }

  @Test
  void aTopSpansTimelineBecomesTheRunsResourceSamplesAndWhatDoesNotFitIsLeftOut() {
    Span s = span()
        .addAttributes(kv("perf.stage", "run"))
        .addAttributes(kv("perf.timeline.interval_ns", 1000L))
        .addAttributes(kv("perf.timeline.times", 2000L, 3000L, 4000L))
        .addAttributes(doubles("perf.timeline.system.cpu.utilization", 0.5, Double.NaN, 0.75))
        .addAttributes(doubles("perf.timeline.process.cpu.utilization", 0.1, 0.2)) // too short
        .addAttributes(doubles("perf.timeline.made.up.series", 1, 2, 3)) // not a series we read
        .addAttributes(kv("perf.timeline.gc.end_times", 2500L, 3500L))
        .addAttributes(kv("perf.timeline.gc.durations_ns", 1_000_000L, 2_000_000L))
        .build();
    Translation t = SpanTranslator.translate(request(s));
    assertThat(t.timelineLeftOut()).as("the short series' 2 values").isEqualTo(2);
    assertThat(t.spans()).singleElement().satisfies(in -> {
      assertThat(in.instance()).isEqualTo("i-1");
      assertThat(in.timeline()).containsExactly(
          new ResourceSample(2000, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.5),
          new ResourceSample(4000, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.75),
          new ResourceSample(2500, ResourceNames.GC_DURATION, 0.001),
          new ResourceSample(3500, ResourceNames.GC_DURATION, 0.002));
    });

    Span disordered = span()
        .addAttributes(kv("perf.stage", "run"))
        .addAttributes(kv("perf.timeline.times", 3000L, 2000L))
        .addAttributes(doubles("perf.timeline.system.cpu.utilization", 0.5, 0.6))
        .build();
    Translation d = SpanTranslator.translate(request(disordered));
    assertThat(d.spans()).singleElement().satisfies(in -> assertThat(in.timeline()).isEmpty());
    assertThat(d.timelineLeftOut()).isEqualTo(2);
  }
}
