package io.perfagent.agent.collect;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.bootstrap.AgentSettings;
import io.perfagent.bootstrap.Probes;
import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import io.perfagent.bootstrap.Stages;

/**
 * Keeps {@link AgentSettings#timerOverheadNanos} current: what a timed folded call's own clock
 * and counter reads add to its wall time. Runs on the collector's thread, a few times in the
 * first seconds (while the JIT still compiles the hooks) and then every {@link #PERIOD_NANOS},
 * each time through the same hooks woven code calls, on a stage that is never reported. The
 * first costs about 35 ms of CPU (it warms up), each later one about 5 ms: under 0.1 % of a
 * core at the period.
 *
 * <p>The figure used is the median of the last {@link #KEEP} calibrations: each subtracts
 * two measurements (hooked calls and the bare body), so a busy machine can push one either
 * way, and the median keeps one bad calibration from counting. The first calibration
 * repeats until its figure stops falling, so that it measures compiled hooks, as the
 * application's hot loops run them, and not the interpreter.
 */
public final class TimerCalibrator {

  /** Calls per calibration: about 250 timed ones at the default fold.sample. */
  static final int CALLS = 1 << 14;
  static final long PERIOD_NANOS = 10_000_000_000L;
  /**
   * When the first calibrations run, from the collector's start: not at once, when the agent
   * and the application are both starting on what may be two cores, but soon, while the JIT
   * still compiles the hooks.
   */
  private static final long[] FIRST_DELAYS_NANOS =
      {300_000_000L, 600_000_000L, 1_000_000_000L, 2_000_000_000L, 4_000_000_000L};
  private static final int KEEP = 6;
  /** Rounds of the first calibration at most, and the fall that counts as still falling. */
  private static final int WARM_ROUNDS = 3;
  private static final double STILL_FALLING = 0.95;

  private final int stageId = StageRegistry.register("perf.timer-calibration", "",
      StageInfo.MODE_AGGREGATE, "io.perfagent.agent.collect.TimerCalibrator");
  /** Calibrations done so far in this JVM (the report says when there were none). */
  private static volatile int done;

  private final long[] recent = new long[KEEP];
  private final long startNanos;
  private int runs;
  private long nextNanos;

  TimerCalibrator(long nowNanos) {
    this.startNanos = nowNanos;
    this.nextNanos = nowNanos + FIRST_DELAYS_NANOS[0];
  }

  /** Calibrates when one is due. */
  void maybeRun(long nowNanos) {
    if (nowNanos - nextNanos < 0) {
      return;
    }
    long cpu0 = Probes.currentThreadCpu();
    long median = runs == 0 ? warmMedian() : Stages.calibrateTimer(stageId, CALLS, false);
    long cpu = Probes.currentThreadCpu() - cpu0;
    if (median < 0) {
      nextNanos = nowNanos + FIRST_DELAYS_NANOS[1]; // the agent is not enabled yet
      return;
    }
    recent[runs % KEEP] = median;
    runs++;
    done = runs;
    long[] kept = java.util.Arrays.copyOf(recent, Math.min(runs, KEEP));
    java.util.Arrays.sort(kept);
    long best = kept[(kept.length - 1) / 2];
    AgentSettings.timerOverheadNanos = best;
    AgentLog.debug("timer calibration " + runs + ": median " + median + " ns, using " + best
        + " ns (" + cpu / 1000 + " µs of CPU)");
    nextNanos = runs < FIRST_DELAYS_NANOS.length
        ? startNanos + FIRST_DELAYS_NANOS[runs] : nowNanos + PERIOD_NANOS;
  }

  /** Calibrations done so far in this JVM. */
  public static int calibrations() {
    return done;
  }

  /** Rounds until the median stops falling by more than 5 %; the last round's median. */
  private long warmMedian() {
    long best = Stages.calibrateTimer(stageId, CALLS, true);
    for (int round = 1; round < WARM_ROUNDS && best >= 0; round++) {
      long m = Stages.calibrateTimer(stageId, CALLS, false);
      if (m < 0 || m >= best * STILL_FALLING) {
        return m < 0 ? best : Math.min(best, m);
      }
      best = m;
    }
    return best;
  }
}
