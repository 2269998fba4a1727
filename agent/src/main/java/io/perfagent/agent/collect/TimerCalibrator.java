package io.perfagent.agent.collect;

import io.perfagent.bootstrap.AgentSettings;
import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import io.perfagent.bootstrap.Stages;

/**
 * Keeps {@link AgentSettings#timerOverheadNanos} current: what a timed folded call's own clock
 * and counter reads add to its wall time. Runs on the collector's thread, soon after start and
 * then every {@link #PERIOD_NANOS}, each time through the same hooks woven code calls, on an
 * empty stage that is never reported.
 *
 * <p>The figure used is the smallest of the last {@link #KEEP} medians: compilation only
 * lowers the real cost, and a busy machine only raises a measurement of it.
 */
final class TimerCalibrator {

  /** Calls per calibration: about 500 timed ones at the default fold.sample, under 2 ms. */
  static final int CALLS = 1 << 15;
  static final long PERIOD_NANOS = 10_000_000_000L;
  /** The first calibrations come sooner: the JIT is still compiling the hooks. */
  private static final long[] FIRST_DELAYS_NANOS = {0, 500_000_000L, 2_000_000_000L};
  private static final int KEEP = 3;

  private final int stageId = StageRegistry.register("perf.timer-calibration", "",
      StageInfo.MODE_AGGREGATE, "io.perfagent.agent.collect.TimerCalibrator");
  private final long[] recent = new long[KEEP];
  private final long startNanos;
  private int runs;
  private long nextNanos;

  TimerCalibrator(long nowNanos) {
    this.startNanos = nowNanos;
    this.nextNanos = nowNanos;
  }

  /** Calibrates when one is due. */
  void maybeRun(long nowNanos) {
    if (nowNanos - nextNanos < 0) {
      return;
    }
    long median = Stages.calibrateTimer(stageId, CALLS);
    if (median >= 0) {
      recent[runs % KEEP] = median;
      runs++;
      long best = Long.MAX_VALUE;
      for (int i = 0; i < Math.min(runs, KEEP); i++) {
        best = Math.min(best, recent[i]);
      }
      AgentSettings.timerOverheadNanos = best;
      nextNanos = runs < FIRST_DELAYS_NANOS.length
          ? startNanos + FIRST_DELAYS_NANOS[runs] : nowNanos + PERIOD_NANOS;
    } else {
      nextNanos = nowNanos + FIRST_DELAYS_NANOS[1]; // the agent is not enabled yet
    }
  }

  /** Calibrations so far. */
  int runs() {
    return runs;
  }
}
