package io.perfagent.it.collector;

import io.perfagent.it.harness.ItPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program other than a JVM started by a test (the collector, Jaeger): its output, stdout and
 * stderr together, kept in memory and copied to {@code target/services/<name>.log}, so a
 * failing test can say what the program said. {@link #close()} stops it (SIGTERM, then
 * SIGKILL).
 */
public final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final List<String> lines = new ArrayList<>();

  private ServiceProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::read, "service-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} with {@code env} added to this JVM's environment. */
  public static ServiceProcess start(String name, List<String> command, Map<String, String> env) {
    try {
      Path log = ItPaths.buildDir().resolve("services").resolve(name + ".log");
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      return new ServiceProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
        PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8),
            true)) {
      String line;
      while ((line = r.readLine()) != null) {
        w.println(line);
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException ignored) {
      // the process was stopped: keep what was read
    } finally {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /**
   * Waits for an output line matching {@code match} (from the start) and returns it; fails
   * with the output so far when the program ends or {@code timeout} passes first.
   */
  public synchronized String awaitLine(Predicate<String> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < lines.size(); seen++) {
        if (match.test(lines.get(seen))) {
          return lines.get(seen);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !process.isAlive() && seen == lines.size()) {
        throw new AssertionError(name + ": no matching line within " + timeout
            + (process.isAlive() ? "" : " (it exited)") + "; its output:\n" + output());
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** Everything it printed so far. */
  public synchronized String output() {
    return String.join("\n", lines);
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
