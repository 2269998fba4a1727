package io.perfagent.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The samplers' fake NVML driver ({@code fake_nvml.c}, scripted values: two devices, the
 * second one failing its utilisation call) built with gcc into a real shared library, for
 * child JVMs to load through the agent's JNA. The constants mirror the C file.
 */
public final class FakeNvml {

  public static final String DEVICE0_UUID = "GPU-00000000-aaaa-0000-0000-000000000000";
  public static final double DEVICE0_MEMORY_TOTAL = 80.0 * (1L << 30);
  /** Device 0 is 37 % busy; device 1 cannot say, so the busiest GPU reads 0.37. */
  public static final double BUSIEST_UTILIZATION = 0.37;

  private static Path built;

  private FakeNvml() {}

  /** The library, built once per test JVM; skips the test (assumption) where gcc is missing. */
  public static synchronized Path build() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isRegularFile(source()), "fake NVML source not found: "
        + source());
    Assumptions.assumeTrue(onPath("gcc"), "gcc is not on PATH: the fake NVML library cannot "
        + "be built, so the GPU part of this test is skipped");
    return buildOrNull();
  }

  /** The library, or null where gcc or the source is missing (for tests that go on without). */
  public static synchronized Path buildOrNull() throws IOException, InterruptedException {
    if (built != null) {
      return built;
    }
    Path source = source();
    if (!Files.isRegularFile(source) || !onPath("gcc")) {
      return null;
    }
    Path out = Files.createDirectories(ItPaths.buildDir().resolve("fake-nvml"))
        .resolve("libfake_nvml.so");
    Process p = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", out.toString(),
        source.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("gcc failed on " + source + ":\n" + output);
    }
    built = out;
    return out;
  }

  private static Path source() {
    return ItPaths.buildDir().resolve(
        "../../samplers/src/test/resources/io/perfagent/sampler/gpu/fake_nvml.c").normalize();
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
