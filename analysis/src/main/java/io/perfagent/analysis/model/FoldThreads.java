package io.perfagent.analysis.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The folds of one child stage that ran on other threads than their parent's, as the agent
 * exports them beside the stage's totals ({@code perf.folded.<stage>.threads}): a flat array
 * of {@link #FIELDS} numbers per thread, in the order of the {@code F_} indexes. The totals
 * merge every thread; these keep apart what the analysis places as branches beside the parent,
 * so a collector-side analyzer reading the export gets the exit report's answer.
 */
public final class FoldThreads {

  public static final int F_THREAD = 0;
  public static final int F_CALLS = 1;
  public static final int F_ERRORS = 2;
  public static final int F_WALL = 3;
  public static final int F_CPU = 4;
  public static final int F_ALLOC = 5;
  public static final int F_RECORDS = 6;
  public static final int F_BYTES = 7;
  public static final int F_TIMED = 8;
  /** Epoch nanoseconds. */
  public static final int F_START = 9;
  public static final int F_END = 10;
  public static final int FIELDS = 11;

  private FoldThreads() {}

  /**
   * {@code total} split into one aggregate per thread of {@code threads} and one for the rest
   * (the parent's own thread, thread unknown), when anything is left. The per-thread buckets
   * are not exported: each part takes the total's distribution, scaled to its calls, so the
   * stage's percentiles stay those of the total. A malformed array leaves the total whole.
   */
  public static List<FoldedAggregate> split(FoldedAggregate total, long[] threads) {
    if (threads.length == 0 || threads.length % FIELDS != 0) {
      return List.of(total);
    }
    long calls = 0;
    long errors = 0;
    long wall = 0;
    long cpu = 0;
    long alloc = 0;
    long records = 0;
    long bytes = 0;
    long timed = 0;
    List<FoldedAggregate> out = new ArrayList<>(threads.length / FIELDS + 1);
    for (int o = 0; o < threads.length; o += FIELDS) {
      calls += threads[o + F_CALLS];
      errors += threads[o + F_ERRORS];
      wall += threads[o + F_WALL];
      cpu = cpu < 0 || threads[o + F_CPU] < 0 ? -1 : cpu + threads[o + F_CPU];
      alloc = alloc < 0 || threads[o + F_ALLOC] < 0 ? -1 : alloc + threads[o + F_ALLOC];
      records += threads[o + F_RECORDS];
      bytes += threads[o + F_BYTES];
      timed += threads[o + F_TIMED];
      out.add(new FoldedAggregate(total.stage(), threads[o + F_CALLS], threads[o + F_ERRORS],
          threads[o + F_WALL], threads[o + F_CPU], threads[o + F_ALLOC],
          threads[o + F_RECORDS], threads[o + F_BYTES], total.p50Nanos(), total.p99Nanos(),
          total.maxNanos(), total.within(), threads[o + F_TIMED], total.buckets(),
          threads[o + F_THREAD], threads[o + F_START], threads[o + F_END]));
    }
    if (calls > total.calls() || calls <= 0) {
      return List.of(total); // not parts of this total
    }
    if (calls < total.calls()) {
      out.add(new FoldedAggregate(total.stage(), total.calls() - calls, total.errors() - errors,
          total.wallNanos() - wall, total.cpuNanos() < 0 || cpu < 0 ? -1 : total.cpuNanos() - cpu,
          total.allocBytes() < 0 || alloc < 0 ? -1 : total.allocBytes() - alloc,
          total.records() - records, total.bytes() - bytes, total.p50Nanos(), total.p99Nanos(),
          total.maxNanos(), total.within(), Math.max(0, total.timedCalls() - timed),
          total.buckets(), -1, 0, 0));
    }
    return out;
  }
}
