package io.perfagent.agent.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.collect.EpochClock;
import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

  private static final long INTERVAL = 1_000_000_000L;

  @Test
  void aFailingSourceIsBackedOffWhileTheOthersKeepTicking() {
    List<String> calls = new ArrayList<>();
    ResourceSource good = source("good", w -> {
      calls.add("good");
      w.gauge("system.cpu.utilization", "1", 0.5);
    });
    ResourceSource bad = source("bad", w -> {
      calls.add("bad");
      throw new IllegalStateException("device lost");
    });
    Readings readings = new Readings();
    ResourceSampler sampler = new ResourceSampler(Map.of(), INTERVAL, new EpochClock(),
        readings, new ResourceTimeline(INTERVAL));
    sampler.useSources(List.of(good, bad));
    for (int i = 0; i < 8; i++) {
      sampler.tick();
    }
    assertThat(calls.stream().filter("good"::equals)).hasSize(8);
    // failed at ticks 1, 3, 6: skipped 1, then 2, then 4 ticks
    assertThat(calls.stream().filter("bad"::equals)).hasSize(3);
    assertThat(readings.counters().get(SeriesKey.of("perf.sampler.errors", "{error}",
        "perf.sampler.source", "bad"))).isEqualTo(3.0);
    // every tick publishes its own CPU time
    int ticks = 0;
    for (Readings.Event e = readings.pollEvent(); e != null; e = readings.pollEvent()) {
      assertThat(e.key().name()).isEqualTo("perf.sampler.duration");
      assertThat(e.value()).isGreaterThanOrEqualTo(0);
      ticks++;
    }
    assertThat(ticks).isEqualTo(8);
    assertThat(sampler.describe()).containsPattern("8 ticks over good \\d+ µs, bad");
  }

  @Test
  void whatDidNotFitIsCountedAndSaid() {
    ResourceSampler sampler = new ResourceSampler(Map.of(), INTERVAL, new EpochClock(),
        new Readings(), new ResourceTimeline(INTERVAL));
    int pauses = ResourceTimeline.MAX_GC_EVENTS + 5;
    sampler.useSources(List.of(source("gc", w -> {
      for (int i = 0; i < pauses; i++) {
        w.event("jvm.gc.duration", "s", 1_000_000L * (i + 1), 0.001);
      }
    })));
    sampler.tick(); // no consumer drains the events here: the pending bound overflows too
    assertThat(sampler.describe()).contains("and 5 GC pauses (timeline bound)")
        .containsPattern("dropped [1-9]\\d* readings");
  }

  interface Body {
    void run(ResourceWriter w) throws Exception;
  }

  private static ResourceSource source(String name, Body body) {
    return new ResourceSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void sample(ResourceWriter out) throws Exception {
        body.run(out);
      }
    };
  }
}
