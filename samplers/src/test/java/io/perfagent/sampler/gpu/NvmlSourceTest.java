package io.perfagent.sampler.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.testing.RecordingWriter;
import io.perfagent.sampler.testing.RecordingWriter.Point;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real nvml source against a real shared library built here from fake_nvml.c, so the
 * JNA mapping, the struct offsets and the error paths are exercised as they are with a driver.
 */
class NvmlSourceTest {

  private static final String UUID0 = "GPU-00000000-aaaa-0000-0000-000000000000";
  private static final String UUID1 = "GPU-11111111-bbbb-1111-1111-111111111111";
  private static final double GIB = 1024.0 * 1024 * 1024;

  @TempDir static Path dir;

  /** The fake's test hooks, loaded from the same file so they share its state. */
  public interface FakeHooks extends Library {
    void fake_set_all_fail(int index, int on);

    int fake_calls(int index);

    int fake_shutdowns();
  }

  private static Path fake;
  private static Path failingInit;

  @BeforeAll
  static void buildFakes() throws Exception {
    Assumptions.assumeTrue(
        onPath("gcc"), "gcc is not on PATH: cannot build the fake NVML library, skipping");
    Path src = dir.resolve("fake_nvml.c");
    try (InputStream in = NvmlSourceTest.class.getResourceAsStream("fake_nvml.c")) {
      Files.copy(in, src);
    }
    fake = gcc(src, "libfake_nvml.so");
    failingInit = gcc(src, "libfake_nvml_initfails.so", "-DFAKE_INIT_FAILS");
  }

  @Test
  void readsEveryMetricOfTheHealthyDeviceAndSkipsOnlyWhatFailsOnTheOther() throws Exception {
    List<String> info = new ArrayList<>();
    List<ResourceSource> sources = GpuSources.create(settings(fake.toString()), info::add);
    assertThat(info).isEmpty();
    assertThat(sources).hasSize(1);
    ResourceSource nvml = sources.get(0);
    assertThat(nvml.name()).isEqualTo("nvml");

    RecordingWriter w = new RecordingWriter();
    nvml.sample(w);
    w.clear();
    nvml.sample(w);

    Map<String, String> dev0 =
        Map.of(
            "hw.id", UUID0,
            "hw.name", "Fake GPU A100",
            "hw.vendor", "nvidia",
            "hw.type", "gpu",
            "perf.gpu.index", "0");
    assertGauge(w, "hw.gpu.utilization", UUID0, "1", 0.37, dev0);
    assertGauge(w, "hw.gpu.memory.usage", UUID0, "By", 20 * GIB, dev0);
    assertGauge(w, "hw.gpu.memory.limit", UUID0, "By", 80 * GIB, dev0);
    assertGauge(w, "hw.gpu.memory.utilization", UUID0, "1", 0.25, dev0);
    assertGauge(w, "hw.power", UUID0, "W", 123.456, dev0);
    assertGauge(w, "hw.temperature", UUID0, "Cel", 61, dev0);
    assertGauge(w, "perf.gpu.clock.sm", UUID0, "MHz", 1410, dev0);
    // 40 other processes come first: only found after the INSUFFICIENT_SIZE retry
    assertGauge(w, "perf.gpu.process.memory.usage", UUID0, "By", 3 * GIB, dev0);
    Point errors0 = w.find("perf.gpu.errors", "hw.id", UUID0).orElseThrow();
    assertThat(errors0.kind()).isEqualTo("counter");
    assertThat(errors0.value()).isZero();

    // device 1: utilization is GPU_IS_LOST, own memory NOT_AVAILABLE; the rest is there
    assertThat(w.find("hw.gpu.utilization", "hw.id", UUID1)).isEmpty();
    assertThat(w.find("perf.gpu.process.memory.usage", "hw.id", UUID1)).isEmpty();
    assertThat(w.find("hw.gpu.memory.usage", "hw.id", UUID1).orElseThrow().value())
        .isEqualTo(4 * GIB);
    assertThat(w.find("hw.gpu.memory.limit", "hw.id", UUID1).orElseThrow().value())
        .isEqualTo(16 * GIB);
    assertThat(w.find("hw.power", "hw.id", UUID1).orElseThrow().value()).isEqualTo(70.0);
    assertThat(w.find("hw.temperature", "hw.id", UUID1).orElseThrow().value()).isEqualTo(45.0);
    assertThat(w.find("perf.gpu.clock.sm", "hw.id", UUID1).orElseThrow().value())
        .isEqualTo(585.0);
    assertThat(w.find("hw.power", "hw.id", UUID1).orElseThrow().attributes())
        .containsEntry("hw.name", "Fake GPU T4")
        .containsEntry("perf.gpu.index", "1");
    Point errors1 = w.find("perf.gpu.errors", "hw.id", UUID1).orElseThrow();
    assertThat(errors1.kind()).isEqualTo("counter");
    assertThat(errors1.value()).isEqualTo(2.0); // one failed utilization call per tick
    assertThat(w.points()).hasSize(9 + 7);

    int shutdowns = hooks().fake_shutdowns(); // other tests share the library
    nvml.close();
    nvml.close();
    assertThat(hooks().fake_shutdowns()).isEqualTo(shutdowns + 1);
  }

  @Test
  void aDeviceThatFailsEveryCallIsParkedAndProbedRarely() throws Exception {
    ResourceSource nvml = GpuSources.create(settings(fake.toString()), s -> {}).get(0);
    FakeHooks hooks = hooks();
    try {
      hooks.fake_set_all_fail(1, 1);
      RecordingWriter w = new RecordingWriter();
      for (int i = 0; i < NvmlDevice.DEAD_AFTER; i++) {
        nvml.sample(w);
      }
      int callsWhenParked = hooks.fake_calls(1);
      double errorsWhenParked = lastErrors(w, UUID1);
      for (int i = 0; i < 2 * NvmlDevice.PROBE_EVERY; i++) {
        nvml.sample(w);
      }
      // two probes of one call each in 60 ticks, instead of 6 calls a tick
      assertThat(hooks.fake_calls(1) - callsWhenParked).isEqualTo(2);
      assertThat(lastErrors(w, UUID1) - errorsWhenParked).isEqualTo(2.0);
      // device 0 unaffected throughout
      assertThat(w.named("hw.gpu.utilization"))
          .hasSize(NvmlDevice.DEAD_AFTER + 2 * NvmlDevice.PROBE_EVERY)
          .allMatch(p -> p.attr("hw.id").equals(UUID0));

      // the device comes back: the next probe finds it and the full set returns
      hooks.fake_set_all_fail(1, 0);
      w.clear();
      for (int i = 0; i < NvmlDevice.PROBE_EVERY; i++) {
        nvml.sample(w);
      }
      assertThat(w.named("hw.gpu.memory.usage").stream()
              .filter(p -> p.attr("hw.id").equals(UUID1)))
          .isNotEmpty();
      w.clear();
      nvml.sample(w);
      assertThat(w.find("hw.power", "hw.id", UUID1)).isPresent();
    } finally {
      hooks.fake_set_all_fail(1, 0);
      nvml.close();
    }
  }

  @Test
  void noLibraryMeansNoSourceAndOneInfoLine() throws Exception {
    List<String> info = new ArrayList<>();
    List<ResourceSource> sources =
        GpuSources.create(settings(dir.resolve("no-such-libnvidia-ml.so").toString()), info::add);
    assertThat(sources).isEmpty();
    assertThat(info).hasSize(1);
    assertThat(info.get(0)).startsWith("no NVIDIA driver (").endsWith("): GPU sampling off");
    assertThat(info.get(0)).doesNotContain("\n");
  }

  @Test
  void failingInitMeansNoSourceAndOneInfoLine() throws Exception {
    List<String> info = new ArrayList<>();
    List<ResourceSource> sources =
        GpuSources.create(settings(failingInit.toString()), info::add);
    assertThat(sources).isEmpty();
    assertThat(info)
        .containsExactly(
            "no NVIDIA driver (nvmlInit_v2: Driver Not Loaded (9)): GPU sampling off");
  }

  private static double lastErrors(RecordingWriter w, String uuid) {
    List<Point> errors =
        w.named("perf.gpu.errors").stream()
            .filter(p -> p.attr("hw.id").equals(uuid))
            .toList();
    return errors.get(errors.size() - 1).value();
  }

  private static void assertGauge(
      RecordingWriter w, String name, String uuid, String unit, double value, Map<String, String> attrs) {
    Point p = w.find(name, "hw.id", uuid).orElseThrow(() -> new AssertionError("no " + name));
    assertThat(p.kind()).isEqualTo("gauge");
    assertThat(p.unit()).as(name).isEqualTo(unit);
    assertThat(p.value()).as(name).isCloseTo(value, within(1e-9));
    assertThat(p.attributes()).as(name).isEqualTo(attrs);
  }

  private static FakeHooks hooks() {
    return Native.load(fake.toString(), FakeHooks.class);
  }

  private static SamplerSettings settings(String library) {
    return new SamplerSettings(Map.of("sample.nvml.library", library));
  }

  private static Path gcc(Path src, String out, String... defines) throws Exception {
    Path lib = dir.resolve(out);
    List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1"));
    cmd.addAll(List.of(defines));
    cmd.addAll(List.of("-o", lib.toString(), src.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("gcc: " + log).isZero();
    return lib;
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
