package io.perfagent.sampler.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.sampler.SamplerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaPresenceTest {

  @TempDir
  Path procfs;

  @Test
  void withoutAnySignOfADriverJnaIsNeverStarted() {
    Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidiactl")),
        "this machine has an NVIDIA driver");
    Assumptions.assumeTrue(NvidiaPresence.absence(new SamplerSettings(Map.of())) != null,
        "this machine has libnvidia-ml");
    SamplerSettings settings = new SamplerSettings(Map.of("sample.procfs.root",
        procfs.toString()));
    List<String> info = new ArrayList<>();
    assertThat(GpuSources.create(settings, info::add)).isEmpty();
    assertThat(info).singleElement().asString()
        .startsWith("no NVIDIA driver (no /proc/driver/nvidia");
  }

  @Test
  void theDriversProcfsEntryOrANamedLibraryMeansTry() throws Exception {
    Files.createDirectories(procfs.resolve("driver/nvidia"));
    assertThat(NvidiaPresence.absence(new SamplerSettings(Map.of("sample.procfs.root",
        procfs.toString())))).isNull();
    assertThat(NvidiaPresence.absence(new SamplerSettings(Map.of("sample.procfs.root",
        procfs.resolve("empty").toString(), "sample.nvml.library", "/opt/x/libnvml.so"))))
        .isNull();
  }
}
