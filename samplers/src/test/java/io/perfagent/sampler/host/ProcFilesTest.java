package io.perfagent.sampler.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.sampler.testing.RecordingWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFilesTest {

  @TempDir Path proc;

  @Test
  void diskstatsWholeDisksOnlyInBytes() throws Exception {
    Files.writeString(
        proc.resolve("diskstats"),
        "   8       0 sda 100 0 2000 50 10 0 400 20 0 60 70 0 0 0 0\n"
            + "   8       1 sda1 90 0 1800 40 9 0 300 10 0 50 60 0 0 0 0\n"
            + "\n"
            + " 253       0 vda 1 2\n");
    RecordingWriter out = new RecordingWriter();
    new DiskIo(proc, List.of("sda", "vda")).sample(out);
    assertThat(out.named("system.disk.io")).hasSize(2);
    assertThat(out.points().get(0).value()).isEqualTo(2000 * 512.0);
    assertThat(out.points().get(0).attributes())
        .containsEntry("system.device", "sda")
        .containsEntry("disk.io.direction", "read");
    assertThat(out.points().get(1).value()).isEqualTo(400 * 512.0);
    assertThat(out.points().get(1).attr("disk.io.direction")).isEqualTo("write");
  }

  @Test
  void netDevSkipsLoopbackAndHeaders() throws Exception {
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(
        proc.resolve("net/dev"),
        "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets\n"
            + "    lo: 5000 10 0 0 0 0 0 0 5000 10 0 0 0 0 0 0\n"
            + "  eth0: 311097582 1000 0 0 0 0 0 0 12345 900 0 0 0 0 0 0\n"
            + "veth1:7 1 0 0 0 0 0 0 8 1 0 0 0 0 0 0\n");
    RecordingWriter out = new RecordingWriter();
    NetworkIo net = new NetworkIo(proc);
    net.sample(out);
    net.sample(out);
    assertThat(out.named("system.network.io")).hasSize(8);
    assertThat(out.points().get(0).attributes())
        .containsEntry("network.interface.name", "eth0")
        .containsEntry("network.io.direction", "receive");
    assertThat(out.points().get(0).value()).isEqualTo(311097582.0);
    assertThat(out.points().get(1).value()).isEqualTo(12345.0);
    assertThat(out.points().get(1).attr("network.io.direction")).isEqualTo("transmit");
    assertThat(out.points().get(2).attr("network.interface.name")).isEqualTo("veth1");
    assertThat(out.points().get(3).value()).isEqualTo(8.0);
  }

  @Test
  void missingFilesWriteNothing() {
    RecordingWriter out = new RecordingWriter();
    new DiskIo(proc, List.of("sda")).sample(out);
    new NetworkIo(proc).sample(out);
    assertThat(out.points()).isEmpty();
  }

  @Test
  void cpuBusyFromTickDeltas() {
    long[] a = {100, 0, 100, 700, 100, 0, 0, 0};
    long[] b = {200, 0, 200, 1300, 300, 0, 0, 0}; // busy 200 of 1000
    assertThat(CpuBusy.fraction(a, b)).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(CpuBusy.fraction(null, b)).isNaN();
    assertThat(CpuBusy.fraction(b, a)).isNaN(); // backwards
    assertThat(CpuBusy.fraction(a, a)).isNaN(); // no time
  }

  @Test
  void cpuBusyIndicesMatchOshiTickTypes() {
    // the OSHI fallback hands CpuBusy OSHI's array: the /proc/stat order must be its order
    assertThat(oshi.hardware.CentralProcessor.TickType.IDLE.getIndex()).isEqualTo(CpuBusy.IDLE);
    assertThat(oshi.hardware.CentralProcessor.TickType.IOWAIT.getIndex()).isEqualTo(CpuBusy.IOWAIT);
    assertThat(oshi.hardware.CentralProcessor.TickType.values()).hasSize(CpuBusy.TICK_TYPES);
  }
}
