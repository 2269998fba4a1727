package io.perfagent.it.harness;

/** One line of child output and when the harness read it ({@link System#nanoTime()}). */
public record TimedLine(long nanos, String text) {}
