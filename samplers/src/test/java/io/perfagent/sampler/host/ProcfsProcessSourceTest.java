package io.perfagent.sampler.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.sampler.testing.RecordingWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcfsProcessSourceTest {

  @TempDir Path proc;

  @Test
  void statusFieldsAndNoRateWhenCpuTimeGoesBackwards() throws Exception {
    Files.createDirectories(proc.resolve("self/fd"));
    Files.writeString(
        proc.resolve("self/status"),
        "Name:\tjava\nVmSize:\t  9000 kB\nVmRSS:\t   100 kB\nThreads:\t7\n");
    AtomicLong cpu = new AtomicLong(5_000_000_000L);
    ProcfsProcessSource s = new ProcfsProcessSource(proc, cpu::get, 2);
    RecordingWriter out = new RecordingWriter();
    s.sample(out);
    assertThat(out.named("process.cpu.utilization")).isEmpty();
    assertThat(out.first("process.memory.usage").orElseThrow().value()).isEqualTo(102400.0);
    assertThat(out.first("process.memory.virtual").orElseThrow().value()).isEqualTo(9000 * 1024.0);
    assertThat(out.first("process.thread.count").orElseThrow().value()).isEqualTo(7.0);
    cpu.set(1); // backwards
    out.clear();
    s.sample(out);
    assertThat(out.named("process.cpu.utilization")).isEmpty();
  }

  @Test
  void missingFilesWriteNoMemoryAndDoNotThrow() {
    ProcfsProcessSource s = new ProcfsProcessSource(proc, () -> -1, 1);
    RecordingWriter out = new RecordingWriter();
    s.sample(out);
    s.sample(out);
    assertThat(out.points()).isEmpty();
  }
}
