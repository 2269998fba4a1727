package io.perfagent.analyzer.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analyzer.analyse.ResourceTimelines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceSamplesTest {

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }

  private static NumberDataPoint point(long t, double v, KeyValue... attrs) {
    return NumberDataPoint.newBuilder().setTimeUnixNano(t).setAsDouble(v)
        .addAllAttributes(List.of(attrs)).build();
  }

  private static Metric gauge(String name, NumberDataPoint... points) {
    return Metric.newBuilder().setName(name)
        .setGauge(Gauge.newBuilder().addAllDataPoints(List.of(points))).build();
  }

  private static ExportMetricsServiceRequest request(String instance, Metric... metrics) {
    Resource.Builder r = Resource.newBuilder();
    if (instance != null) {
      r.addAttributes(kv("service.instance.id", instance));
    }
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics
        .newBuilder().setResource(r)
        .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build();
  }

  @Test
  void oneValuePerNameAndTimeAsTheAgentsSamplerGivesItsReport() {
    Map<String, List<ResourceSample>> s = ResourceSamples.samples(request("jvm-1",
        gauge("system.cpu.utilization", point(10, 0.5)),
        gauge("hw.gpu.utilization", point(10, 0.2, kv("hw.id", "a")),
            point(10, 0.9, kv("hw.id", "b"))),
        gauge("hw.gpu.memory.usage", point(10, 100, kv("hw.id", "a")),
            point(10, 50, kv("hw.id", "b"))),
        gauge("system.memory.utilization", point(10, 0.3, kv("system.memory.state", "used")),
            point(10, 0.7, kv("system.memory.state", "free"))),
        gauge("jvm.thread.count", point(10, 12))));
    assertThat(s.get("jvm-1")).containsExactlyInAnyOrder(
        new ResourceSample(10, "system.cpu.utilization", 0.5),
        new ResourceSample(10, "hw.gpu.utilization", 0.9),
        new ResourceSample(10, "hw.gpu.memory.usage", 150),
        new ResourceSample(10, "system.memory.utilization", 0.3));
    assertThat(ResourceSamples.samples(request(null,
        gauge("system.cpu.utilization", point(10, 0.5))))).as("no instance, no run to join")
        .isEmpty();
  }

  @Test
  void aRunGetsTheSamplesOfItsOwnJvmsAroundItsTime() {
    ResourceTimelines t = new ResourceTimelines();
    long s = 1_000_000_000_000L;
    t.add(ResourceSamples.samples(request("a", gauge("system.cpu.utilization",
        point(s, 0.1), point(s + 10_000_000_000L, 0.2), point(s + 60_000_000_000L, 0.3)))));
    t.add(ResourceSamples.samples(request("b", gauge("system.cpu.utilization",
        point(s, 0.9)))));
    assertThat(t.between(List.of("a"), s, s + 10_000_000_000L))
        .extracting(ResourceSample::value).containsExactly(0.1, 0.2);
    assertThat(t.between(List.of("a", "b"), s, s)).extracting(ResourceSample::value)
        .containsExactlyInAnyOrder(0.1, 0.9);
    assertThat(t.between(List.of("c"), s, s)).isEmpty();
  }
}
