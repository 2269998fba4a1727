package io.perfagent.sampler.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.testing.RecordingWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sources as made on this (Linux) machine: real /proc; OSHI only for the fallback test. */
class HostSourcesTest {

  private static List<ResourceSource> sources;
  private static final List<String> INFO = new ArrayList<>();

  @BeforeAll
  static void create() {
    sources = HostSources.create(new SamplerSettings(Map.of()), INFO::add);
  }

  @AfterAll
  static void close() {
    sources.forEach(ResourceSource::close);
  }

  private static ResourceSource named(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void bothSourcesAreMade() {
    assertThat(sources).extracting(ResourceSource::name).containsExactly("host", "process");
    assertThat(INFO).isEmpty();
  }

  @Test
  void linuxReadsProcfsNotOshi() {
    assertThat(named("host")).isInstanceOf(ProcfsHostSource.class);
    assertThat(named("process")).isInstanceOf(ProcfsProcessSource.class);
  }

  @Test
  void hostWritesCpuUtilizationOnTheSecondTickAndMemory() throws Exception {
    assertHostTick(named("host"));
  }

  /** The fallback, made as on a host without procfs, still works where OSHI does. */
  @Test
  void oshiHostSourceWritesTheSameMetrics() throws Exception {
    oshi.hardware.HardwareAbstractionLayer hal = new oshi.SystemInfo().getHardware();
    assertHostTick(
        new OshiHostSource(hal.getProcessor(), hal.getMemory(), new HostIo(null, null, null)));
  }

  private static void assertHostTick(ResourceSource host) throws Exception {
    RecordingWriter first = new RecordingWriter();
    host.sample(first);
    Thread.sleep(400); // OSHI memoizes its tick reading for about 300 ms; procfs does not
    RecordingWriter second = new RecordingWriter();
    host.sample(second);

    RecordingWriter.Point cpu = second.first("system.cpu.utilization").orElseThrow();
    assertThat(cpu.value()).isBetween(0.0, 1.0);
    assertThat(cpu.unit()).isEqualTo("1");
    assertThat(cpu.attributes()).isEmpty();

    assertThat(second.first("system.cpu.load_average.1m").orElseThrow().unit()).isEqualTo("{thread}");
    assertThat(second.named("system.memory.usage"))
        .extracting(p -> p.attr("system.memory.state"))
        .containsExactly("used", "free");
    double limit = second.first("system.memory.limit").orElseThrow().value();
    assertThat(limit).isPositive();
    assertThat(second.named("system.memory.usage").stream().mapToDouble(RecordingWriter.Point::value).sum())
        .isEqualTo(limit);
    assertThat(second.named("system.memory.utilization")).hasSize(2);
    assertThat(second.named("system.paging.usage"))
        .extracting(p -> p.attr("system.paging.state"))
        .containsExactly("used", "free");
    assertThat(second.named("system.network.io"))
        .allSatisfy(p -> assertThat(p.attr("network.interface.name")).isNotEqualTo("lo"))
        .allSatisfy(p -> assertThat(p.kind()).isEqualTo("counter"));
    assertThat(second.named("system.disk.io"))
        .allSatisfy(p -> assertThat(p.attr("disk.io.direction")).isIn("read", "write"))
        .allSatisfy(p -> assertThat(p.attr("system.device")).doesNotStartWith("loop"));
    System.out.println(host.getClass().getSimpleName() + " tick: " + second.points());
  }

  @Test
  void processWritesMemoryThreadsAndCpuAfterABusyLoop() throws Exception {
    ResourceSource process = named("process");
    process.sample(new RecordingWriter());
    long until = System.nanoTime() + 300_000_000L;
    long spin = 0;
    while (System.nanoTime() < until) {
      spin += System.identityHashCode(new Object()) & 1;
    }
    RecordingWriter out = new RecordingWriter();
    process.sample(out);

    assertThat(spin).isNotNegative();
    assertThat(out.first("process.cpu.utilization").orElseThrow().value()).isPositive();
    assertThat(out.first("process.memory.usage").orElseThrow().value()).isPositive();
    assertThat(out.first("process.memory.virtual").orElseThrow().value()).isPositive();
    assertThat(out.first("process.thread.count").orElseThrow().value()).isPositive();
    assertThat(out.first("process.unix.file_descriptor.count").orElseThrow().unit())
        .isEqualTo("{file_descriptor}");
    System.out.println("process tick: " + out.points());
  }
}
