package io.perfagent.sampler.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.testing.RecordingWriter;
import io.perfagent.sampler.testing.RecordingWriter.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-based sources against fake sysfs and procfs trees, with a clock the test moves. */
class AccelSourcesTest {

  private static final long SECOND = 1_000_000_000L;

  @TempDir Path root;
  private final AtomicLong clock = new AtomicLong(5 * SECOND);

  @Test
  void npuUtilizationFromBusyTimeAndMemoryInBytes() throws Exception {
    Path dev = root.resolve("sys/class/accel/accel0/device");
    write(dev.resolve("uevent"), "DRIVER=intel_vpu\nPCI_ID=8086:7D1D\nPCI_SLOT_NAME=0000:00:0b.0\n");
    write(dev.resolve("npu_busy_time_us"), "1000000\n");
    write(dev.resolve("npu_memory_utilization"), "4096\n");
    write(root.resolve("sys/class/accel/accel1/device/uevent"), "DRIVER=amdxdna\n"); // no busy file

    List<Path> found = NpuSource.find(root.resolve("sys"));
    assertThat(found).containsExactly(dev);
    NpuSource npu = new NpuSource(found, clock::get);
    Map<String, String> attrs =
        Map.of("hw.id", "accel0", "hw.type", "npu", "hw.name", "8086:7D1D", "hw.vendor", "intel");

    RecordingWriter w = tick(npu);
    assertThat(w.named("hw.npu.utilization")).isEmpty(); // no interval yet
    Point mem = w.named("hw.npu.memory.usage").get(0);
    assertThat(mem.value()).isEqualTo(4096.0);
    assertThat(mem.unit()).isEqualTo("By");
    assertThat(mem.attributes()).isEqualTo(attrs);

    write(dev.resolve("npu_busy_time_us"), "1250000\n"); // +0.25 s busy
    clock.addAndGet(SECOND);
    w = tick(npu);
    Point u = w.named("hw.npu.utilization").get(0);
    assertThat(u.value()).isCloseTo(0.25, within(1e-12));
    assertThat(u.unit()).isEqualTo("1");
    assertThat(u.attributes()).isEqualTo(attrs);

    write(dev.resolve("npu_busy_time_us"), "100\n"); // device reset
    clock.addAndGet(SECOND);
    assertThat(tick(npu).named("hw.npu.utilization")).isEmpty();

    write(dev.resolve("npu_busy_time_us"), "500100\n");
    clock.addAndGet(SECOND);
    assertThat(tick(npu).named("hw.npu.utilization").get(0).value()).isCloseTo(0.5, within(1e-12));

    // garbage busy time: utilization skipped, memory still written
    write(dev.resolve("npu_busy_time_us"), "n/a\n");
    clock.addAndGet(SECOND);
    w = tick(npu);
    assertThat(w.named("hw.npu.utilization")).isEmpty();
    assertThat(w.named("hw.npu.memory.usage")).hasSize(1);
  }

  @Test
  void amdGpusOnlyFromCardDirsWithBusyPercentAndBadFilesSkipped() throws Exception {
    Path card0 = root.resolve("sys/class/drm/card0/device");
    write(card0.resolve("gpu_busy_percent"), "42\n");
    write(card0.resolve("mem_info_vram_used"), "1073741824\n");
    write(card0.resolve("mem_info_vram_total"), "4294967296\n");
    write(card0.resolve("uevent"), "DRIVER=amdgpu\nPCI_ID=1002:744C\n");
    write(root.resolve("sys/class/drm/card0-DP-1/device/gpu_busy_percent"), "99\n");
    write(root.resolve("sys/class/drm/renderD128/device/gpu_busy_percent"), "99\n");
    Path card1 = root.resolve("sys/class/drm/card1/device");
    Files.createDirectories(card1.resolve("gpu_busy_percent/oops")); // a directory, not a file
    write(card1.resolve("gpu_busy_percent_"), "1\n");
    write(card1.resolve("mem_info_vram_used"), "garbage\n");
    write(card1.resolve("mem_info_vram_total"), "8589934592\n");
    write(root.resolve("sys/class/drm/card2/device/uevent"), "DRIVER=i915\n"); // not amdgpu

    // card1's busy "file" is a directory, so find() passes it over entirely...
    assertThat(AmdGpuSource.find(root.resolve("sys"))).containsExactly(card0);
    // ...but one that breaks after start-up must only cost its own values
    AmdGpuSource amd = new AmdGpuSource(List.of(card0, card1));
    RecordingWriter w = tick(amd);

    Map<String, String> attrs =
        Map.of("hw.id", "card0", "hw.name", "1002:744C", "hw.vendor", "amd", "hw.type", "gpu");
    assertThat(w.find("hw.gpu.utilization", "hw.id", "card0").orElseThrow().value()).isEqualTo(0.42);
    assertThat(w.find("hw.gpu.memory.usage", "hw.id", "card0").orElseThrow().value())
        .isEqualTo(1073741824.0);
    assertThat(w.find("hw.gpu.memory.limit", "hw.id", "card0").orElseThrow().value())
        .isEqualTo(4294967296.0);
    Point mu = w.find("hw.gpu.memory.utilization", "hw.id", "card0").orElseThrow();
    assertThat(mu.value()).isEqualTo(0.25);
    assertThat(mu.attributes()).isEqualTo(attrs);

    assertThat(w.find("hw.gpu.utilization", "hw.id", "card1")).isEmpty();
    assertThat(w.find("hw.gpu.memory.usage", "hw.id", "card1")).isEmpty();
    assertThat(w.find("hw.gpu.memory.utilization", "hw.id", "card1")).isEmpty();
    assertThat(w.find("hw.gpu.memory.limit", "hw.id", "card1").orElseThrow().value())
        .isEqualTo(8589934592.0);
  }

  @Test
  void createMakesOnlyTheSourcesWhoseFilesExist() throws Exception {
    List<String> info = new ArrayList<>();
    assertThat(AccelSources.create(settings(), info::add)).isEmpty();

    write(root.resolve("sys/class/drm/card0/device/gpu_busy_percent"), "1\n");
    Files.createDirectories(root.resolve("proc/self/fdinfo"));
    assertThat(AccelSources.create(settings(), info::add))
        .extracting(ResourceSource::name)
        .containsExactly("amdgpu", "drm-fdinfo");

    write(root.resolve("sys/class/accel/accel0/device/npu_busy_time_us"), "1\n");
    assertThat(AccelSources.create(settings(), info::add))
        .extracting(ResourceSource::name)
        .containsExactly("npu", "amdgpu", "drm-fdinfo");
    assertThat(info).isEmpty();
  }

  @Test
  void fdinfoCountsEachClientOnceAndSkipsAnIntervalThatWentBack() throws Exception {
    Path fdinfo = root.resolve("proc/self/fdinfo");
    // fds 3 and 4: one client (dup'ed fd); fd 5: a second client; fd 7: not DRM
    write(fdinfo.resolve("3"), drm("12", 1 * SECOND, 0));
    write(fdinfo.resolve("4"), drm("12", 1 * SECOND, 0));
    write(fdinfo.resolve("5"), drm("13", SECOND / 2, 0));
    write(fdinfo.resolve("7"), "pos:\t0\nflags:\t02\nmnt_id:\t15\nino:\t42\n");
    DrmFdinfoSource src = new DrmFdinfoSource(root.resolve("proc"), clock::get);

    RecordingWriter w = tick(src);
    Point total = render(w, "perf.process.accelerator.busy.time");
    assertThat(total.kind()).isEqualTo("counter");
    assertThat(total.unit()).isEqualTo("s");
    assertThat(total.value()).isCloseTo(1.5, within(1e-12)); // not 2.5: fd 4 is fd 3's client
    assertThat(total.attributes())
        .isEqualTo(
            Map.of(
                "perf.drm.driver", "i915",
                "perf.drm.pdev", "0000:00:02.0",
                "perf.drm.engine", "render"));
    assertThat(w.named("perf.process.accelerator.utilization")).isEmpty();

    write(fdinfo.resolve("3"), drm("12", 1400_000_000L, SECOND));
    write(fdinfo.resolve("4"), drm("12", 1400_000_000L, SECOND));
    write(fdinfo.resolve("5"), drm("13", 600_000_000L, 0));
    clock.addAndGet(SECOND);
    w = tick(src);
    Point u = render(w, "perf.process.accelerator.utilization");
    assertThat(u.kind()).isEqualTo("gauge");
    assertThat(u.unit()).isEqualTo("1");
    assertThat(u.value()).isCloseTo(0.5, within(1e-12)); // (0.4 + 0.1) s in 1 s
    assertThat(render(w, "perf.process.accelerator.busy.time").value()).isCloseTo(2.0, within(1e-12));
    // video: 1 s busy summed over a capacity of 2 instances
    assertThat(engine(w, "perf.process.accelerator.utilization", "video").value())
        .isCloseTo(0.5, within(1e-12));

    // client 13 goes back (a reused client slot): no render utilization this interval
    write(fdinfo.resolve("5"), drm("13", 100, 0));
    clock.addAndGet(SECOND);
    w = tick(src);
    assertThat(engineOpt(w, "perf.process.accelerator.utilization", "render")).isEmpty();
    assertThat(render(w, "perf.process.accelerator.busy.time").value()).isCloseTo(2.0, within(1e-12));

    // ...and counts from its new value on
    write(fdinfo.resolve("5"), drm("13", 250_000_100L, 0));
    clock.addAndGet(SECOND);
    w = tick(src);
    assertThat(render(w, "perf.process.accelerator.utilization").value())
        .isCloseTo(0.25, within(1e-12));
    assertThat(render(w, "perf.process.accelerator.busy.time").value())
        .isCloseTo(2.25, within(1e-12));
    assertThat(w.points()).allSatisfy(p -> assertThat(p.value()).isNotNegative());
  }

  @Test
  void fdinfoSurvivesBadFilesAndRescansOnlyEveryFewTicks() throws Exception {
    Path fdinfo = root.resolve("proc/self/fdinfo");
    write(fdinfo.resolve("3"), drm("12", SECOND, 0));
    write(fdinfo.resolve("4"), "drm-driver:\tamdgpu\ndrm-client-id:\t9\ndrm-engine-gfx:\tlots ns\n");
    write(fdinfo.resolve("5"), "pos:\t0\n");
    DrmFdinfoSource src = new DrmFdinfoSource(root.resolve("proc"), clock::get);
    tick(src); // walk: 3 files read
    int afterWalk = src.fdinfoReads();
    assertThat(afterWalk).isEqualTo(3 + 2); // walk reads all, then the 2 DRM ones

    // fd 3 becomes a directory (unreadable), a DRM fd 6 appears
    Files.delete(fdinfo.resolve("3"));
    Files.createDirectories(fdinfo.resolve("3"));
    write(fdinfo.resolve("6"), drm("14", SECOND, 0));
    RecordingWriter w = null;
    for (int i = 1; i < DrmFdinfoSource.RESCAN_EVERY; i++) {
      clock.addAndGet(SECOND);
      w = tick(src);
    }
    // between walks only the known DRM fds are read: fd 3 once more (then dropped), fd 4 each tick
    assertThat(src.fdinfoReads() - afterWalk).isEqualTo(2 + (DrmFdinfoSource.RESCAN_EVERY - 2));
    assertThat(engineOpt(w, "perf.process.accelerator.busy.time", "render")).isEmpty();
    assertThat(engineOpt(w, "perf.process.accelerator.busy.time", "gfx")).isEmpty(); // garbage

    clock.addAndGet(SECOND);
    w = tick(src); // the next walk finds fd 6; the counter keeps client 12's second too
    assertThat(render(w, "perf.process.accelerator.busy.time").value()).isEqualTo(2.0);
  }

  /** An i915 fdinfo with render and video (capacity 2) engines. */
  private static String drm(String clientId, long renderNs, long videoNs) {
    return "pos:\t0\nflags:\t02100002\nmnt_id:\t24\nino:\t1034\n"
        + "drm-driver:\ti915\n"
        + "drm-client-id:\t" + clientId + "\n"
        + "drm-pdev:\t0000:00:02.0\n"
        + "drm-engine-render:\t" + renderNs + " ns\n"
        + "drm-engine-video:\t" + videoNs + " ns\n"
        + "drm-engine-capacity-video:\t2\n";
  }

  private static Point render(RecordingWriter w, String name) {
    return engine(w, name, "render");
  }

  private static Point engine(RecordingWriter w, String name, String engine) {
    return engineOpt(w, name, engine).orElseThrow(() -> new AssertionError("no " + name + " " + engine));
  }

  private static java.util.Optional<Point> engineOpt(RecordingWriter w, String name, String engine) {
    return w.find(name, "perf.drm.engine", engine);
  }

  private SamplerSettings settings() {
    return new SamplerSettings(
        Map.of(
            "sample.sysfs.root", root.resolve("sys").toString(),
            "sample.procfs.root", root.resolve("proc").toString()));
  }

  private static RecordingWriter tick(ResourceSource s) throws Exception {
    RecordingWriter w = new RecordingWriter();
    s.sample(w);
    return w;
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
