package io.perfagent.sampler.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.testing.RecordingWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux host source against a fake procfs tree with known values. */
class ProcfsHostSourceTest {

  private static final double K = 1024;

  @TempDir Path proc;

  private void stat(String cpuLine) throws Exception {
    Files.writeString(
        proc.resolve("stat"),
        cpuLine + "\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 12345 0 0 0\nctxt 999\n");
  }

  private void meminfo(String content) throws Exception {
    Files.writeString(proc.resolve("meminfo"), content);
  }

  private ProcfsHostSource source() {
    return new ProcfsHostSource(proc, new HostIo(null, null, null));
  }

  private static final String MEMINFO =
      "MemTotal:           1000 kB\n"
          + "MemFree:             100 kB\n"
          + "MemAvailable:        400 kB\n"
          + "Buffers:              50 kB\n"
          + "Cached:              150 kB\n"
          + "SwapCached:            0 kB\n"
          + "SwapTotal:           500 kB\n"
          + "SwapFree:            200 kB\n"
          + "Dirty:                 0 kB\n";

  @Test
  void twoTicksGiveExactUtilizationMemorySwapAndLoad() throws Exception {
    stat("cpu  100 0 100 700 100 0 0 0 50 0");
    meminfo(MEMINFO);
    Files.writeString(proc.resolve("loadavg"), "1.25 0.50 0.10 2/300 999\n");
    ProcfsHostSource host = source();
    RecordingWriter first = new RecordingWriter();
    host.sample(first);
    assertThat(first.named("system.cpu.utilization")).isEmpty();

    // user +100, system +100, idle +600, iowait +200; guest +40 is inside user already
    stat("cpu  200 0 200 1300 300 0 0 0 90 0");
    RecordingWriter out = new RecordingWriter();
    host.sample(out);
    RecordingWriter.Point cpu = out.first("system.cpu.utilization").orElseThrow();
    assertThat(cpu.value()).isCloseTo(0.2, within(1e-12));
    assertThat(cpu.unit()).isEqualTo("1");
    assertThat(cpu.attributes()).isEmpty();

    RecordingWriter.Point load = out.first("system.cpu.load_average.1m").orElseThrow();
    assertThat(load.value()).isCloseTo(1.25, within(1e-12));
    assertThat(load.unit()).isEqualTo("{thread}");

    assertThat(out.named("system.memory.usage"))
        .extracting(p -> p.attr("system.memory.state"), RecordingWriter.Point::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("used", 600 * K),
            org.assertj.core.groups.Tuple.tuple("free", 400 * K));
    RecordingWriter.Point limit = out.first("system.memory.limit").orElseThrow();
    assertThat(limit.value()).isEqualTo(1000 * K);
    assertThat(limit.unit()).isEqualTo("By");
    assertThat(out.named("system.memory.utilization"))
        .extracting(p -> p.attr("system.memory.state"), RecordingWriter.Point::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("used", 0.6),
            org.assertj.core.groups.Tuple.tuple("free", 0.4));
    assertThat(out.named("system.paging.usage"))
        .extracting(p -> p.attr("system.paging.state"), RecordingWriter.Point::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("used", 300 * K),
            org.assertj.core.groups.Tuple.tuple("free", 200 * K));
    assertThat(out.named("system.paging.usage")).allSatisfy(p -> assertThat(p.unit()).isEqualTo("By"));
  }

  @Test
  void withoutMemAvailableFreeIsMemFreePlusBuffersPlusCached() throws Exception {
    stat("cpu  1 0 1 1 0 0 0 0");
    meminfo(MEMINFO.replace("MemAvailable:        400 kB\n", ""));
    RecordingWriter out = new RecordingWriter();
    source().sample(out);
    assertThat(out.named("system.memory.usage"))
        .extracting(RecordingWriter.Point::value)
        .containsExactly(700 * K, 300 * K);
  }

  @Test
  void aCounterGoingBackwardsSkipsThatIntervalOnly() throws Exception {
    meminfo(MEMINFO);
    ProcfsHostSource host = source();
    stat("cpu  100 0 100 700 100 0 0 0 0 0");
    host.sample(new RecordingWriter());
    stat("cpu  200 0 200 600 100 0 0 0 0 0"); // idle went back
    RecordingWriter back = new RecordingWriter();
    host.sample(back);
    assertThat(back.named("system.cpu.utilization")).isEmpty();
    assertThat(back.named("system.memory.limit")).hasSize(1);
    stat("cpu  300 0 200 900 100 0 0 0 0 0"); // from the new baseline: busy 100 of 400
    RecordingWriter next = new RecordingWriter();
    host.sample(next);
    assertThat(next.first("system.cpu.utilization").orElseThrow().value())
        .isCloseTo(0.25, within(1e-12));
  }

  @Test
  void garbageDoesNotThrowAndTheRestIsStillWritten() throws Exception {
    ProcfsHostSource host = source();
    stat("cpu  abc def");
    Files.writeString(proc.resolve("loadavg"), "not a number\n");
    meminfo(MEMINFO);
    RecordingWriter out = new RecordingWriter();
    assertThatCode(() -> host.sample(out)).doesNotThrowAnyException();
    assertThat(out.named("system.cpu.load_average.1m")).isEmpty();
    assertThat(out.named("system.memory.usage")).hasSize(2);
    assertThat(out.named("system.paging.usage")).hasSize(2);

    // a good reading after garbage is a first reading again, not a delta against junk
    stat("cpu  1 0 1 1 0 0 0 0");
    meminfo("MemTotal: lots\nSwapTotal: 9x kB\n\n\u0000\u00ff\n");
    RecordingWriter after = new RecordingWriter();
    assertThatCode(() -> host.sample(after)).doesNotThrowAnyException();
    assertThat(after.named("system.cpu.utilization")).isEmpty();
    assertThat(after.named("system.memory.usage")).isEmpty();
    assertThat(after.named("system.paging.usage")).isEmpty();
    assertThat(after.named("system.cpu.load_average.1m")).isEmpty();

    stat("cpu  2 0 1 2 0 0 0 0");
    RecordingWriter third = new RecordingWriter();
    host.sample(third);
    assertThat(third.first("system.cpu.utilization").orElseThrow().value())
        .isCloseTo(0.5, within(1e-12));
  }

  @Test
  void aCpuLineCutByTheBufferOrEmptyFilesWriteNothing() throws Exception {
    ProcfsHostSource host = source();
    Files.writeString(proc.resolve("stat"), "cpu  " + "1234567 ".repeat(80)); // no line end
    meminfo("");
    Files.writeString(proc.resolve("loadavg"), "");
    RecordingWriter out = new RecordingWriter();
    host.sample(out);
    host.sample(out);
    assertThat(out.points()).isEmpty();
  }

  @Test
  void missingFilesWriteNothing() {
    RecordingWriter out = new RecordingWriter();
    ProcfsHostSource host = source();
    host.sample(out);
    host.sample(out);
    assertThat(out.points()).isEmpty();
  }

  @Test
  void createPicksProcfsWhereStatAndMeminfoAreReadable() throws Exception {
    stat("cpu  1 0 1 1 0 0 0 0");
    meminfo(MEMINFO);
    Files.createDirectories(proc.resolve("self/fd"));
    Files.writeString(proc.resolve("self/status"), "Threads:\t3\n");
    Path sys = Files.createDirectories(proc.resolve("../sys"));
    List<String> info = new ArrayList<>();
    List<ResourceSource> sources =
        HostSources.create(
            new SamplerSettings(
                Map.of(
                    "sample.procfs.root", proc.toString(),
                    "sample.sysfs.root", sys.toString(),
                    "sample.cgroup.root", proc.resolve("nocgroup").toString())),
            info::add);
    assertThat(sources).extracting(ResourceSource::name).containsExactly("host", "process");
    assertThat(sources.get(0)).isInstanceOf(ProcfsHostSource.class);
    assertThat(sources.get(1)).isInstanceOf(ProcfsProcessSource.class);
    assertThat(info).isEmpty();
  }

  @Test
  void wholeDisksLeaveOutLoopAndRamDisks() throws Exception {
    Path block = Files.createDirectories(proc.resolve("block"));
    for (String d : List.of("sda", "loop0", "ram0", "nvme0n1", "zram0")) {
      Files.createDirectories(block.resolve(d));
    }
    assertThat(WholeDisks.list(proc)).containsExactly("nvme0n1", "sda", "zram0");
    assertThat(WholeDisks.list(proc.resolve("absent"))).isEmpty();
  }
}
