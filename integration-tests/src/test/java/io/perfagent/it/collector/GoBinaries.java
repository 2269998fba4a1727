package io.perfagent.it.collector;

import io.perfagent.it.harness.ItPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Go programs the tests start, built on first use by {@code collector-config/build-*.sh}:
 * {@code otelcol-perf} (the builder manifest) and {@code jaeger}. The scripts cache each binary
 * in a per-user directory keyed by its pinned versions ({@code ~/.cache/perf-agent}, or
 * {@code $PERF_AGENT_CACHE}), so a build happens once per machine, not once per
 * {@code mvn verify}, and survives {@code mvn clean} and a fresh clone. A file lock keeps two
 * test JVMs (or two worktrees) from building the same binary at once.
 *
 * <p>Without Go, a test that needs these is skipped with one line; with {@code CI=true} it
 * fails instead.
 */
public final class GoBinaries {

  /** A cold build of either is several minutes on 2 cores; this only stops a hung one. */
  private static final long BUILD_TIMEOUT_MINUTES = 40;

  private static Path otelcol;
  private static Path jaeger;

  private GoBinaries() {}

  /** The slim collector of {@code collector-config/builder-config.yaml}. */
  public static synchronized Path otelcol() {
    if (otelcol == null) {
      otelcol = build("build-otelcol.sh");
    }
    return otelcol;
  }

  /** Jaeger v2 ({@code github.com/jaegertracing/jaeger/cmd/jaeger}, pinned in its script). */
  public static synchronized Path jaeger() {
    if (jaeger == null) {
      jaeger = build("build-jaeger.sh");
    }
    return jaeger;
  }

  /** {@code collector-config/} of this checkout: the configs and the build scripts. */
  public static Path configDir() {
    return ItPaths.buildDir().resolve("../../collector-config").normalize();
  }

  /** Skips the calling test (fails it under {@code CI=true}) when Go is not installed. */
  public static void assumeGo() {
    if (goOnPath()) {
      return;
    }
    String why = "Go is not installed (no go on PATH): the real collector and Jaeger cannot be"
        + " built";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(why + " (CI=true: a failure, not a skip)");
    }
    System.out.println("[go-binaries] " + why + ": test skipped");
    Assumptions.abort(why);
  }

  private static boolean goOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "go"))) {
        return true;
      }
    }
    return false;
  }

  private static Path build(String script) {
    assumeGo();
    Path cache = cacheDir();
    Path log = ItPaths.buildDir().resolve("go-builds").resolve(script.replace(".sh", ".log"));
    try {
      Files.createDirectories(cache);
      Files.createDirectories(log.getParent());
      try (FileChannel ch = FileChannel.open(cache.resolve("build.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        long start = System.nanoTime();
        // stdout (the binary's path, last) to a file too, so that waitFor can time out
        Path printed = log.resolveSibling(script.replace(".sh", ".out"));
        Process p = new ProcessBuilder(List.of("bash", configDir().resolve(script).toString()))
            .redirectOutput(printed.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError(script + " ran over " + BUILD_TIMEOUT_MINUTES
              + " minutes; its log: " + log);
        }
        List<String> lines = Files.readAllLines(printed, StandardCharsets.UTF_8);
        Path bin = Path.of(lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip());
        if (p.exitValue() != 0 || !Files.isExecutable(bin)) {
          throw new AssertionError(script + " failed (exit " + p.exitValue() + "):\n"
              + Files.readString(log));
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        if (seconds > 5) {
          System.out.println("[go-binaries] " + script + " built " + bin + " in " + seconds
              + " s (log: " + log + ")");
        }
        return bin;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while building with " + script, e);
    }
  }

  private static Path cacheDir() {
    String dir = System.getenv("PERF_AGENT_CACHE");
    return dir != null && !dir.isEmpty() ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".cache", "perf-agent");
  }
}
