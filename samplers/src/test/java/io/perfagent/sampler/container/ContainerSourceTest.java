package io.perfagent.sampler.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import io.perfagent.sampler.SamplerSettings;
import io.perfagent.sampler.testing.RecordingWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerSourceTest {

  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;
  private FakeTree tree;
  private final AtomicLong clock = new AtomicLong(10 * SECOND);
  private final RecordingWriter out = new RecordingWriter();

  @BeforeEach
  void setUp() {
    tree = new FakeTree(dir);
  }

  private ContainerSource source() {
    return new ContainerSource(
        ContainerSources.reader(tree.cgroup(), CgroupPaths.read(tree.proc())), clock::get);
  }

  private void v2Stat(String path, long usageUsec, long throttledUsec) {
    tree.write(
        "cgroup/" + path + "cpu.stat",
        "usage_usec " + usageUsec + "\nuser_usec 1\nsystem_usec 2\nnr_periods 10\nnr_throttled 3\n"
            + "throttled_usec " + throttledUsec + "\n");
  }

  @Test
  void v2LimitedWritesTimeLimitsAndUtilizationFromTheSecondTick() throws Exception {
    tree.write("proc/self/cgroup", "0::/kubepods/pod1\n")
        .write("cgroup/kubepods/pod1/cpu.max", "200000 100000\n")
        .write("cgroup/kubepods/pod1/memory.current", "104857600\n")
        .write("cgroup/kubepods/pod1/memory.max", "209715200\n");
    v2Stat("kubepods/pod1/", 3_000_000, 5_000);
    ContainerSource s = source();

    s.sample(out);
    assertThat(out.named("perf.container.cpu.utilization")).isEmpty();
    assertThat(out.first("container.cpu.time").orElseThrow().value()).isEqualTo(3.0);
    assertThat(out.first("container.cpu.time").orElseThrow().kind()).isEqualTo("counter");
    assertThat(out.first("perf.container.cpu.throttled.time").orElseThrow().value()).isEqualTo(0.005);
    assertThat(out.first("perf.container.cpu.limit").orElseThrow().value()).isEqualTo(2.0);
    assertThat(out.first("perf.container.cpu.limit").orElseThrow().unit()).isEqualTo("{cpu}");
    assertThat(out.first("container.memory.usage").orElseThrow().value()).isEqualTo(104857600.0);
    assertThat(out.first("perf.container.memory.limit").orElseThrow().value()).isEqualTo(209715200.0);
    assertThat(out.first("container.memory.utilization").orElseThrow().value()).isEqualTo(0.5);

    out.clear();
    v2Stat("kubepods/pod1/", 4_000_000, 5_000); // one CPU second in one wall second
    clock.addAndGet(SECOND);
    s.sample(out);
    assertThat(out.first("perf.container.cpu.utilization").orElseThrow().value())
        .isCloseTo(0.5, within(1e-9)); // of a 2-core limit
  }

  @Test
  void v2UnlimitedWritesUsageButNoLimitsOrUtilization() throws Exception {
    tree.write("proc/self/cgroup", "0::/\n")
        .write("cgroup/cpu.max", "max 100000\n")
        .write("cgroup/memory.current", "4096\n")
        .write("cgroup/memory.max", "max\n");
    v2Stat("", 1_000, 0);
    ContainerSource s = source();
    s.sample(out);
    clock.addAndGet(SECOND);
    s.sample(out);

    assertThat(out.named("container.cpu.time")).hasSize(2);
    assertThat(out.named("container.memory.usage")).hasSize(2);
    assertThat(out.named("perf.container.cpu.limit")).isEmpty();
    assertThat(out.named("perf.container.cpu.utilization")).isEmpty();
    assertThat(out.named("perf.container.memory.limit")).isEmpty();
    assertThat(out.named("container.memory.utilization")).isEmpty();
  }

  @Test
  void v2PathMissingInsideTheContainerFallsBackToTheRoot() throws Exception {
    // no cgroup namespace: the path names the host's view, the container sees its own root
    tree.write("proc/self/cgroup", "0::/system.slice/docker-abc.scope\n")
        .write("cgroup/memory.current", "123\n");
    source().sample(out);
    assertThat(out.first("container.memory.usage").orElseThrow().value()).isEqualTo(123.0);
  }

  @Test
  void v1ReadsQuotaUsageThrottlingAndTreatsHugeLimitAsNone() throws Exception {
    tree.write("proc/self/cgroup", "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n0::/\n")
        .write("cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n")
        .write("cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n")
        .write("cgroup/cpu,cpuacct/docker/abc/cpuacct.usage", "2000000000\n")
        .write(
            "cgroup/cpu,cpuacct/docker/abc/cpu.stat",
            "nr_periods 5\nnr_throttled 1\nthrottled_time 7000000\n")
        .write("cgroup/memory/docker/abc/memory.usage_in_bytes", "1000\n")
        .write("cgroup/memory/docker/abc/memory.limit_in_bytes", "9223372036854771712\n");
    ContainerSource s = source();
    s.sample(out);
    assertThat(out.first("container.cpu.time").orElseThrow().value()).isEqualTo(2.0);
    assertThat(out.first("perf.container.cpu.throttled.time").orElseThrow().value()).isEqualTo(0.007);
    assertThat(out.first("perf.container.cpu.limit").orElseThrow().value()).isEqualTo(0.5);
    assertThat(out.first("container.memory.usage").orElseThrow().value()).isEqualTo(1000.0);
    assertThat(out.named("perf.container.memory.limit")).isEmpty();

    out.clear();
    tree.write("cgroup/cpu,cpuacct/docker/abc/cpuacct.usage", "2250000000\n");
    clock.addAndGet(SECOND);
    s.sample(out);
    assertThat(out.first("perf.container.cpu.utilization").orElseThrow().value())
        .isCloseTo(0.5, within(1e-9)); // 0.25 s in 1 s of a half-core limit
  }

  @Test
  void v1UnlimitedQuotaAndSeparateMounts() throws Exception {
    tree.write("proc/self/cgroup", "5:memory:/\n3:cpuacct:/\n2:cpu:/\n")
        .write("cgroup/cpu/cpu.cfs_quota_us", "-1\n")
        .write("cgroup/cpu/cpu.cfs_period_us", "100000\n")
        .write("cgroup/cpuacct/cpuacct.usage", "1000\n")
        .write("cgroup/memory/memory.usage_in_bytes", "10\n")
        .write("cgroup/memory/memory.limit_in_bytes", "100\n");
    source().sample(out);
    assertThat(out.named("perf.container.cpu.limit")).isEmpty();
    assertThat(out.first("container.cpu.time").orElseThrow().value()).isEqualTo(1e-6);
    assertThat(out.first("container.memory.utilization").orElseThrow().value()).isEqualTo(0.1);
  }

  @Test
  void counterGoingBackwardsWritesNoRate() throws Exception {
    tree.write("proc/self/cgroup", "0::/\n").write("cgroup/cpu.max", "100000 100000\n");
    v2Stat("", 5_000_000, 0);
    ContainerSource s = source();
    s.sample(out);
    v2Stat("", 1_000_000, 0); // the cgroup was recreated
    clock.addAndGet(SECOND);
    s.sample(out);
    assertThat(out.named("perf.container.cpu.utilization")).isEmpty();

    v2Stat("", 1_500_000, 0); // and the next interval is measured again
    clock.addAndGet(SECOND);
    s.sample(out);
    assertThat(out.first("perf.container.cpu.utilization").orElseThrow().value())
        .isCloseTo(0.5, within(1e-9));
  }

  @Test
  void aLimitSetOnARunningContainerIsMeasuredFromTheUnlimitedTickBefore() throws Exception {
    tree.write("proc/self/cgroup", "0::/\n").write("cgroup/cpu.max", "max 100000\n");
    v2Stat("", 1_000_000, 0);
    ContainerSource s = source();
    s.sample(out);
    assertThat(out.named("perf.container.cpu.limit")).isEmpty();

    tree.write("cgroup/cpu.max", "400000 100000\n"); // docker update --cpus 4
    v2Stat("", 3_000_000, 0);
    clock.addAndGet(SECOND);
    s.sample(out);
    assertThat(out.first("perf.container.cpu.limit").orElseThrow().value()).isEqualTo(4.0);
    assertThat(out.first("perf.container.cpu.utilization").orElseThrow().value())
        .isCloseTo(0.5, within(1e-9)); // 2 CPU s of 4 in 1 s
  }

  @Test
  void garbageAndMissingFilesWriteNothingAndDoNotThrow() throws Exception {
    tree.write("proc/self/cgroup", "0::/\n")
        .write("cgroup/cpu.max", "garbage here\n")
        .write("cgroup/cpu.stat", "\u0000\u0001nonsense\n")
        .write("cgroup/memory.current", "abc\n")
        .write("cgroup/memory.max", "");
    ContainerSource s = source();
    s.sample(out);
    s.sample(out);
    assertThat(out.points()).isEmpty();
  }

  @Test
  void createLeavesTheSourceOutWhenNothingIsReadable() {
    tree.write("proc/self/cgroup", "0::/\n");
    List<String> info = new ArrayList<>();
    List<ResourceSource> sources =
        ContainerSources.create(
            new SamplerSettings(
                Map.of(
                    "sample.procfs.root", tree.proc().toString(),
                    "sample.cgroup.root", tree.cgroup().toString())),
            info::add);
    assertThat(sources).isEmpty();
    assertThat(info).containsExactly("container: no readable cgroup files under " + tree.cgroup());
  }

  @Test
  void createWithoutAProcfsFileLeavesTheSourceOut() {
    List<String> info = new ArrayList<>();
    List<ResourceSource> sources =
        ContainerSources.create(
            new SamplerSettings(
                Map.of(
                    "sample.procfs.root", dir.resolve("nope").toString(),
                    "sample.cgroup.root", dir.resolve("nope2").toString())),
            info::add);
    assertThat(sources).isEmpty();
    assertThat(info)
        .containsExactly("container: no readable cgroup files under " + dir.resolve("nope2"));
  }

  @Test
  void createReadsTheConfiguredTreesAndItsSourceSamplesThem() throws Exception {
    tree.write("proc/self/cgroup", "0::/kubepods/pod2\n")
        .write("cgroup/kubepods/pod2/cpu.max", "100000 100000\n")
        .write("cgroup/kubepods/pod2/memory.current", "1024\n")
        .write("cgroup/kubepods/pod2/memory.max", "4096\n");
    v2Stat("kubepods/pod2/", 2_000_000, 3_000);
    List<String> info = new ArrayList<>();
    List<ResourceSource> sources =
        ContainerSources.create(
            new SamplerSettings(
                Map.of(
                    "sample.procfs.root", tree.proc().toString(),
                    "sample.cgroup.root", tree.cgroup().toString())),
            info::add);
    assertThat(info).isEmpty();
    assertThat(sources).hasSize(1);
    ResourceSource s = sources.get(0);
    try {
      assertThat(s.name()).isEqualTo("container");
      s.sample(out);
      assertThat(out.points())
          .extracting(RecordingWriter.Point::name)
          .containsExactly(
              "container.cpu.time",
              "perf.container.cpu.throttled.time",
              "perf.container.cpu.limit",
              "container.memory.usage",
              "perf.container.memory.limit",
              "container.memory.utilization");
      assertThat(out.first("container.cpu.time").orElseThrow().value()).isEqualTo(2.0);
      assertThat(out.first("perf.container.cpu.throttled.time").orElseThrow().value())
          .isEqualTo(0.003);
      assertThat(out.first("perf.container.cpu.limit").orElseThrow().value()).isEqualTo(1.0);
      assertThat(out.first("container.memory.usage").orElseThrow().value()).isEqualTo(1024.0);
      assertThat(out.first("container.memory.utilization").orElseThrow().value()).isEqualTo(0.25);

      out.clear();
      v2Stat("kubepods/pod2/", 2_500_000, 3_000);
      tree.write("cgroup/kubepods/pod2/memory.current", "2048\n");
      s.sample(out); // the files are re-read: new values, and a rate from the second tick
      assertThat(out.first("container.cpu.time").orElseThrow().value()).isEqualTo(2.5);
      assertThat(out.first("container.memory.usage").orElseThrow().value()).isEqualTo(2048.0);
      // against the real clock the created source uses: present and positive, its size untold
      assertThat(out.first("perf.container.cpu.utilization").orElseThrow().value()).isPositive();
    } finally {
      s.close();
    }
  }

  @Test
  void aTickReadsEachFileIntoTheKeptBufferNotANewOne() throws Exception {
    // four files a tick on v2 (cpu.max, cpu.stat, memory.current, memory.max), each read into
    // the reader's one kept SmallFile buffer: a tick allocates only what opening a file costs
    // (File, stream, descriptor), not a buffer per file or per tick
    tree.write("proc/self/cgroup", "0::/app\n")
        .write("cgroup/app/cpu.max", "200000 100000\n")
        .write("cgroup/app/memory.current", "1024\n")
        .write("cgroup/app/memory.max", "4096\n");
    v2Stat("app/", 1_000_000, 0);
    ContainerSource s = source();
    ResourceWriter discard = new Discard();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    for (int i = 0; i < 200; i++) {
      clock.addAndGet(SECOND);
      s.sample(discard);
    }
    int ticks = 200;
    long before = threads.getThreadAllocatedBytes(self);
    for (int i = 0; i < ticks; i++) {
      clock.addAndGet(SECOND);
      s.sample(discard);
    }
    long perTick = (threads.getThreadAllocatedBytes(self) - before) / ticks;
    // 880 bytes a tick measured on JDK 17 (about 220 per file opened); one 4 KiB buffer a tick
    // would pass 4 KiB, one per file four times that. Bytes, not time: the same on a busy host.
    assertThat(perTick).as("bytes this thread allocated per tick").isLessThan(4096);
  }

  /** Takes every value and keeps none, so that only the source's own allocation is counted. */
  private static final class Discard implements ResourceWriter {
    @Override
    public void gauge(String name, String unit, double value, String... attributes) {}

    @Override
    public void counter(String name, String unit, double total, String... attributes) {}

    @Override
    public void event(String name, String unit, long end, double value, String... attributes) {}
  }
}
