package io.perfagent.it.harness;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A child JVM: {@code JDK/bin/java [-javaagent:perf.jar[=options]] -D... -cp ... Main args},
 * or {@code java -jar some.jar args}. Its environment is the test's minus every
 * {@code OTEL_*}, {@code PERF_*} and {@code JAVA_TOOL_OPTIONS}-like variable, plus what the
 * builder sets, so no setting leaks in from the machine. stdout and stderr are read fully, line
 * by line, and written to {@code target/child-logs/<name>.log} when the child ends.
 *
 * <pre>{@code
 * ChildResult r = ChildJvm.builder(jdk, "known-jdk17")
 *     .agent(ItPaths.agentJar(), "summary=off")
 *     .env(receiver.exporterEnv("known"))
 *     .classpath(ItClasspath.apps())
 *     .mainClass(KnownWorkApp.class)
 *     .run();
 * }</pre>
 */
public final class ChildJvm {

  /** How long a child may run unless the builder says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private static final List<String> SCRUBBED_PREFIXES = List.of("OTEL_", "PERF_");
  private static final List<String> SCRUBBED = List.of(
      "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH");

  private ChildJvm() {}

  public static Builder builder(Jdk jdk, String name) {
    return new Builder(jdk, name);
  }

  /** Configures and starts one child JVM. */
  public static final class Builder {
    private final Jdk jdk;
    private final String name;
    private Path agentJar;
    private String agentOptions;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> sysProps = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Path> classpath = new ArrayList<>();
    private String mainClass;
    private Path executableJar;
    private final List<String> args = new ArrayList<>();
    private Path workDir;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder(Jdk jdk, String name) {
      this.jdk = Objects.requireNonNull(jdk);
      this.name = ItPaths.safe(name);
    }

    /** Adds {@code -javaagent:jar}. */
    public Builder agent(Path jar) {
      return agent(jar, null);
    }

    /** Adds {@code -javaagent:jar=options}; null or empty options: none. */
    public Builder agent(Path jar, String options) {
      this.agentJar = Objects.requireNonNull(jar);
      this.agentOptions = options == null || options.isEmpty() ? null : options;
      return this;
    }

    /** No {@code -javaagent} (the default); for a later attach. */
    public Builder noAgent() {
      this.agentJar = null;
      this.agentOptions = null;
      return this;
    }

    public Builder jvmArg(String... a) {
      jvmArgs.addAll(List.of(a));
      return this;
    }

    /** Adds {@code -Dkey=value}. */
    public Builder sysProp(String key, String value) {
      sysProps.put(key, value);
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Builder env(Map<String, String> vars) {
      env.putAll(vars);
      return this;
    }

    public Builder classpath(List<Path> entries) {
      classpath.addAll(entries);
      return this;
    }

    public Builder mainClass(Class<?> main) {
      return mainClass(main.getName());
    }

    public Builder mainClass(String main) {
      this.mainClass = main;
      this.executableJar = null;
      return this;
    }

    /** Runs {@code java -jar jar} instead of a main class. */
    public Builder executableJar(Path jar) {
      this.executableJar = jar;
      this.mainClass = null;
      return this;
    }

    public Builder args(String... a) {
      args.addAll(List.of(a));
      return this;
    }

    /** Working directory; default {@code target/child-work/<name>}. */
    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    public Builder timeout(Duration t) {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + t);
      }
      this.timeout = t;
      return this;
    }

    /** The command line this builder would run. */
    public List<String> command() {
      List<String> cmd = new ArrayList<>();
      cmd.add(jdk.java().toString());
      cmd.addAll(jvmArgs);
      if (agentJar != null) {
        cmd.add("-javaagent:" + agentJar + (agentOptions == null ? "" : "=" + agentOptions));
      }
      sysProps.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      if (executableJar != null) {
        cmd.add("-jar");
        cmd.add(executableJar.toString());
      } else {
        if (mainClass == null) {
          throw new IllegalStateException("no main class or jar for child " + name);
        }
        if (!classpath.isEmpty()) {
          cmd.add("-cp");
          cmd.add(classpath.stream().map(Path::toString)
              .collect(Collectors.joining(File.pathSeparator)));
        }
        cmd.add(mainClass);
      }
      cmd.addAll(args);
      return cmd;
    }

    /** Starts the child; the caller waits for it with {@link Running#awaitExit()}. */
    public Running start() {
      List<String> cmd = command();
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> penv = pb.environment();
      penv.keySet().removeIf(k -> SCRUBBED.contains(k)
          || SCRUBBED_PREFIXES.stream().anyMatch(k::startsWith));
      penv.putAll(env);
      pb.directory((workDir != null ? workDir : ItPaths.workDir(name)).toFile());
      try {
        return new Running(this, cmd, pb.start());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start child " + name + ": " + cmd, e);
      }
    }

    /** Starts the child, waits for its exit within the timeout, returns what it did. */
    public ChildResult run() {
      try (Running r = start()) {
        return r.awaitExit();
      }
    }
  }

  /** A started child JVM. Closing it kills it if it still runs. */
  public static final class Running implements AutoCloseable {
    private final Builder spec;
    private final List<String> command;
    private final Process process;
    private final long startNanos;
    private final Output stdout;
    private final Output stderr;
    private ChildResult result;

    private Running(Builder spec, List<String> command, Process process) {
      this.spec = spec;
      this.command = List.copyOf(command);
      this.process = process;
      this.startNanos = System.nanoTime();
      this.stdout = new Output(process.getInputStream(), spec.name + "-stdout");
      this.stderr = new Output(process.getErrorStream(), spec.name + "-stderr");
    }

    public long pid() {
      return process.pid();
    }

    /**
     * Waits for a stdout line matching {@code match} and returns it; fails with the output so
     * far when the child ends or {@code timeout} passes first.
     */
    public String awaitStdoutLine(Predicate<String> match, Duration timeout) {
      String line = stdout.await(match, timeout);
      if (line == null) {
        boolean alive = process.isAlive();
        close();
        throw new AssertionError("no matching stdout line within " + timeout
            + (alive ? "" : " (child exited)") + "\n" + result.describe());
      }
      return line;
    }

    /** The stdout lines printed so far, while it runs. */
    public List<String> stdoutLines() {
      List<String> out = new ArrayList<>();
      for (TimedLine l : stdout.lines()) {
        out.add(l.text());
      }
      return out;
    }

    /** Writes one line to the child's stdin. */
    public void writeLine(String line) {
      try {
        OutputStream in = process.getOutputStream();
        in.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        in.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write to child " + spec.name, e);
      }
    }

    /** Waits for the exit within the builder's timeout (from start); kills it and fails after. */
    public synchronized ChildResult awaitExit() {
      if (result != null) {
        return result;
      }
      long left = spec.timeout.toNanos() - (System.nanoTime() - startNanos);
      boolean exited;
      try {
        exited = left > 0 && process.waitFor(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exited = false;
      }
      if (!exited) {
        finish(true);
        throw new AssertionError("child timed out after " + spec.timeout + " and was killed\n"
            + result.describe());
      }
      return finish(false);
    }

    private ChildResult finish(boolean kill) {
      if (kill) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      long exitNanos = System.nanoTime();
      stdout.join();
      stderr.join();
      int code = process.isAlive() ? -1 : process.exitValue();
      Path log = ItPaths.childLogs().resolve(spec.name + ".log");
      result = new ChildResult(spec.name, command, code, stdout.lines(), stderr.lines(),
          startNanos, exitNanos, log);
      writeLog(log, kill);
      return result;
    }

    private void writeLog(Path log, boolean killed) {
      StringBuilder sb = new StringBuilder();
      sb.append("command: ").append(String.join(" ", command)).append('\n');
      sb.append("jdk: ").append(spec.jdk).append(" at ").append(spec.jdk.home()).append('\n');
      sb.append("env: ").append(spec.env).append('\n');
      sb.append("exit: ").append(result.exitCode()).append(killed ? " (killed on timeout)" : "")
          .append(" after ").append(result.duration().toMillis()).append(" ms\n");
      sb.append("----- stdout -----\n").append(result.stdout()).append('\n');
      sb.append("----- stderr -----\n").append(result.stderr()).append('\n');
      try {
        Files.writeString(log, sb.toString());
      } catch (IOException e) {
        // The log is for people; the result still goes back to the test.
      }
    }

    /** Kills the child if it still runs. */
    @Override
    public synchronized void close() {
      if (result == null) {
        finish(process.isAlive());
      }
    }
  }

  /** Reads one stream to its end on a daemon thread, keeping every line with its time. */
  private static final class Output {
    private final List<TimedLine> lines = new ArrayList<>();
    private final Thread reader;

    Output(InputStream in, String name) {
      reader = new Thread(() -> read(in), "child-output-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    private void read(InputStream in) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (this) {
            lines.add(new TimedLine(System.nanoTime(), line));
            notifyAll();
          }
        }
      } catch (IOException ignored) {
        // stream closed by a kill: keep what was read
      } finally {
        synchronized (this) {
          notifyAll();
        }
      }
    }

    synchronized String await(Predicate<String> match, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (match.test(lines.get(seen).text())) {
            return lines.get(seen).text();
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!reader.isAlive() && seen == lines.size())) {
          return null;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }

    void join() {
      try {
        reader.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized List<TimedLine> lines() {
      return List.copyOf(lines);
    }
  }
}
