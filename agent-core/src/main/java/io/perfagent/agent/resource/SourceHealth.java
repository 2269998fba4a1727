package io.perfagent.agent.resource;

/**
 * Back-off for one source: after a failure, or after {@link #OVER_BUDGET_TICKS} ticks in a row
 * over its CPU budget, the source skips 1, 2, 4 ... up to {@link #MAX_SKIP} ticks before it is
 * tried again; a good tick resets it. The first failure and the first back-off are said once.
 */
final class SourceHealth {

  static final int MAX_SKIP = 64;
  static final int OVER_BUDGET_TICKS = 3;

  private int skip;
  private int waiting;
  private int overBudget;
  private long failures;
  private long reads;
  private long cpuNanos;

  /** True when the source should be read this tick. */
  boolean due() {
    if (waiting > 0) {
      waiting--;
      return false;
    }
    return true;
  }

  /** Records a failed read; returns true the first time, so the caller says it once. */
  boolean failed() {
    backOff();
    return failures++ == 0;
  }

  /**
   * Records a good read that cost {@code cpuNanos}; returns true when this one tipped the
   * source into a back-off for being over {@code budgetNanos} too often.
   */
  boolean succeeded(long cpuNanos, long budgetNanos) {
    if (reads++ > 0) { // the first read loads and interprets the reader: not its cost
      this.cpuNanos += cpuNanos;
    }
    if (cpuNanos > budgetNanos) {
      if (++overBudget >= OVER_BUDGET_TICKS) {
        overBudget = 0;
        backOff();
        return true;
      }
      return false;
    }
    overBudget = 0;
    skip = 0;
    return false;
  }

  private void backOff() {
    skip = skip == 0 ? 1 : Math.min(MAX_SKIP, skip * 2);
    waiting = skip;
  }

  /** Mean CPU of a good read after the first, in nanoseconds; -1 before the second. */
  long meanCpuNanos() {
    return reads > 1 ? cpuNanos / (reads - 1) : -1;
  }

  long failures() {
    return failures;
  }
}
