package io.perfagent.sampler.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.sampler.testing.RecordingWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoPressureTest {

  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong(SECOND);
  private final RecordingWriter out = new RecordingWriter();

  private static String psi(long someTotal) {
    return "some avg10=1.00 avg60=0.50 avg300=0.10 total=" + someTotal + "\n"
        + "full avg10=0.00 avg60=0.00 avg300=0.00 total=99999999\n";
  }

  @Test
  void procfsShareOfWallTimeFromTheSecondTick() {
    FakeTree t = new FakeTree(dir).write("proc/pressure/io", psi(1_000));
    IoPressure p = IoPressure.open(t.proc(), t.cgroup(), clock::get);
    assertThat(p).isNotNull();
    p.sample(out);
    assertThat(out.points()).isEmpty();

    t.write("proc/pressure/io", psi(251_000)); // 0.25 s stalled in 1 s
    clock.addAndGet(SECOND);
    p.sample(out);
    RecordingWriter.Point g = out.first("perf.io.wait.utilization").orElseThrow();
    assertThat(g.value()).isCloseTo(0.25, within(1e-9));
    assertThat(g.unit()).isEqualTo("1");
    assertThat(g.attributes()).isEmpty();
  }

  @Test
  void prefersTheCgroupFile() {
    assertThat(fileChosenWith("0::/app\n", "cgroup/app/io.pressure"))
        .isEqualTo(dir.resolve("cgroup/app/io.pressure"));
  }

  @Test
  void hybridHostFindsTheCgroupFileUnderUnified() {
    assertThat(fileChosenWith("4:memory:/x\n0::/app\n", "cgroup/unified/app/io.pressure"))
        .isEqualTo(dir.resolve("cgroup/unified/app/io.pressure"));
  }

  /** The file read when both the host's pressure file and {@code cgroupFile} exist. */
  private Path fileChosenWith(String selfCgroup, String cgroupFile) {
    FakeTree t =
        new FakeTree(dir)
            .write("proc/self/cgroup", selfCgroup)
            .write("proc/pressure/io", psi(0))
            .write(cgroupFile, psi(0));
    return IoPressure.open(t.proc(), t.cgroup(), clock::get).file();
  }

  @Test
  void clampedToOne() {
    twoTicksOneSecondApart(0, 5_000_000);
    assertThat(out.first("perf.io.wait.utilization").orElseThrow().value()).isEqualTo(1.0);
  }

  @Test
  void counterGoingBackwardsWritesNothing() {
    twoTicksOneSecondApart(900_000, 100);
    assertThat(out.points()).isEmpty();
  }

  /**
   * Two ticks into {@code out}, 1 s apart: the host file's stall {@code total} (µs) is {@code
   * firstTotal} at the first, {@code secondTotal} at the second.
   */
  private void twoTicksOneSecondApart(long firstTotal, long secondTotal) {
    FakeTree t = new FakeTree(dir).write("proc/pressure/io", psi(firstTotal));
    IoPressure p = IoPressure.open(t.proc(), t.cgroup(), clock::get);
    p.sample(out);
    t.write("proc/pressure/io", psi(secondTotal));
    clock.addAndGet(SECOND);
    p.sample(out);
  }

  @Test
  void noFileMeansNoReader() {
    FakeTree t = new FakeTree(dir).write("proc/self/cgroup", "0::/\n");
    assertThat(IoPressure.open(t.proc(), t.cgroup(), clock::get)).isNull();
  }

  @Test
  void garbageFileMeansNoReaderAndGarbageLaterWritesNothing() {
    FakeTree t = new FakeTree(dir).write("proc/pressure/io", "not psi at all\n");
    assertThat(IoPressure.open(t.proc(), t.cgroup(), clock::get)).isNull();

    t.write("proc/pressure/io", psi(10));
    IoPressure p = IoPressure.open(t.proc(), t.cgroup(), clock::get);
    p.sample(out);
    t.write("proc/pressure/io", "some total=abc\n");
    clock.addAndGet(SECOND);
    p.sample(out);
    t.write("proc/pressure/io", psi(20)); // a gap: the unreadable tick is no baseline
    clock.addAndGet(SECOND);
    p.sample(out);
    assertThat(out.points()).isEmpty();
  }
}
