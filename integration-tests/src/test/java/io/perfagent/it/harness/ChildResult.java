package io.perfagent.it.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A finished child JVM: exit code, its whole stdout and stderr (line by line, with the time
 * each line was read), and how long it ran.
 */
public record ChildResult(
    String name,
    List<String> command,
    int exitCode,
    List<TimedLine> stdoutLines,
    List<TimedLine> stderrLines,
    long startNanos,
    long exitNanos,
    Path log) {

  private static final int MAX_SHOWN = 40_000;

  public Duration duration() {
    return Duration.ofNanos(exitNanos - startNanos);
  }

  public String stdout() {
    return join(stdoutLines);
  }

  public String stderr() {
    return join(stderrLines);
  }

  /** stdout lines, text only. */
  public List<String> stdoutText() {
    return stdoutLines.stream().map(TimedLine::text).toList();
  }

  /** stderr lines, text only. */
  public List<String> stderrText() {
    return stderrLines.stream().map(TimedLine::text).toList();
  }

  /** stderr lines that start with {@code [perf-agent]}. */
  public List<String> perfAgentLines() {
    return stderrText().stream().filter(l -> l.startsWith("[perf-agent]")).toList();
  }

  /** stderr lines that are frames of a Java stack trace ({@code \tat ...}). */
  public List<String> stackTraceLines() {
    return stderrText().stream()
        .filter(l -> l.startsWith("\tat ") || l.matches("\\s+at [\\w$.]+\\(.*\\).*"))
        .toList();
  }

  /** The nanoTime at which the first stdout line equal to {@code line} was read, or -1. */
  public long stdoutLineNanos(String line) {
    for (TimedLine l : stdoutLines) {
      if (l.text().equals(line)) {
        return l.nanos();
      }
    }
    return -1;
  }

  /** Time from the stdout line {@code line} to the exit of the process. */
  public Duration fromStdoutLineToExit(String line) {
    long at = stdoutLineNanos(line);
    if (at < 0) {
      throw new AssertionError("no stdout line '" + line + "'\n" + describe());
    }
    return Duration.ofNanos(exitNanos - at);
  }

  /** Everything about the run, for assertion messages. */
  public String describe() {
    return "child '" + name + "' exit=" + exitCode + " after " + duration().toMillis() + " ms"
        + " (log: " + log + ")\ncommand: " + String.join(" ", command)
        + "\n----- stdout -----\n" + clip(stdout())
        + "\n----- stderr -----\n" + clip(stderr()) + "\n------------------";
  }

  private static String clip(String s) {
    return s.length() <= MAX_SHOWN ? s
        : s.substring(0, MAX_SHOWN / 2) + "\n[... " + (s.length() - MAX_SHOWN) + " chars ...]\n"
            + s.substring(s.length() - MAX_SHOWN / 2);
  }

  private static String join(List<TimedLine> lines) {
    return lines.stream().map(TimedLine::text).collect(Collectors.joining("\n"));
  }
}
