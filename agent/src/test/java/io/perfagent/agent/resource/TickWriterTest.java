package io.perfagent.agent.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickWriterTest {

  private static final long S = 1_000_000_000L;

  @Test
  void combinesDevicesPerTickAndKeepsEverySeriesForExport() {
    Readings readings = new Readings();
    ResourceTimeline timeline = new ResourceTimeline(S);
    TickWriter w = new TickWriter(readings, timeline);
    w.gauge("hw.gpu.utilization", "1", 0.3, "hw.id", "GPU-a");
    w.gauge("hw.gpu.utilization", "1", 0.9, "hw.id", "GPU-b");
    w.gauge("hw.gpu.memory.usage", "By", 100, "hw.id", "GPU-a");
    w.gauge("hw.gpu.memory.usage", "By", 50, "hw.id", "GPU-b");
    w.gauge("system.memory.utilization", "1", 0.25, "system.memory.state", "used");
    w.gauge("system.memory.utilization", "1", 0.75, "system.memory.state", "free");
    w.gauge("jvm.memory.used", "By", 1234, "jvm.memory.type", "heap");
    w.counter("system.disk.io", "By", 4096, "disk.io.direction", "read");
    w.event("jvm.gc.duration", "s", 5 * S, 0.01, "jvm.gc.name", "G1 Young Generation");
    w.commit(5 * S);

    assertThat(timeline.mean("hw.gpu.utilization", 4 * S, 5 * S)).isEqualTo(0.9); // busiest
    assertThat(timeline.mean("hw.gpu.memory.usage", 4 * S, 5 * S)).isEqualTo(150); // all
    assertThat(timeline.mean("system.memory.utilization", 4 * S, 5 * S)).isEqualTo(0.25);
    assertThat(timeline.mean("jvm.memory.used", 4 * S, 5 * S)).isNaN(); // exported only
    assertThat(timeline.gcNanos(4 * S, 5 * S)).isEqualTo(10_000_000L);

    assertThat(readings.gauges()).hasSize(7);
    assertThat(readings.gauges().get(SeriesKey.of("hw.gpu.utilization", "1", "hw.id", "GPU-b")))
        .isEqualTo(0.9);
    assertThat(readings.counters()).containsValue(4096.0);
    Readings.Event e = readings.pollEvent();
    assertThat(e.key().attribute("jvm.gc.name")).isEqualTo("G1 Young Generation");
    assertThat(readings.pollEvent()).isNull();
  }
}
