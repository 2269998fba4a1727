package io.perfagent.analysis.recommend;

import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.text.Units;
import io.perfagent.analysis.whatif.WhatIf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns bottlenecks and off-path stages into recommendations. */
public final class Recommender {

  /** A stage taking this much of the runs' wall time is "slow" enough to mention. */
  public static final double DEFAULT_SLOW_WALL_SHARE = 0.10;
  /** ... and "off the critical path" below this share on it. */
  public static final double DEFAULT_OFF_PATH_SHARE = 0.01;

  private Recommender() {}

  /**
   * @param whatIf the 2x (or the caller's) what-if of a stage's own time
   * @param subtreeWhatIf the same for the stage as a whole, the stages it calls included
   * @param cores cores available to the process, 0 when unknown
   * @param summedWallNanos the runs' summed wall time
   */
  public static List<Recommendation> recommend(List<StageStats> stages,
      List<Bottleneck> bottlenecks, Function<String, WhatIf> whatIf,
      Function<String, WhatIf> subtreeWhatIf, int cores, long summedWallNanos,
      String rootStage) {
    List<Recommendation> out = new ArrayList<>();
    for (Bottleneck b : bottlenecks) {
      StageStats s = find(stages, b.stage());
      WhatIf w = whatIf.apply(b.stage());
      Map<String, Double> n = new LinkedHashMap<>(b.numbers());
      n.put("what_if_speedup", w.speedup());
      n.put("what_if_gain_ns", (double) w.predictedGainNanos());
      String gain = Units.times(w.speedup()).replace(".0x", "x") + " faster would save "
          + Units.duration(w.predictedGainNanos()) + " of " + Units.duration(w.wallNanos())
          + " (" + Units.percent(w.gainShare()) + ")";
      String text = switch (b.kind()) {
        case CPU -> b.numbers().containsKey("machine_cpu_utilization")
            ? "Give " + b.stage() + " a free core: the machine's CPUs were saturated while it "
                + "ran, so it waited for one (fewer busy threads beside it, more cores, or a "
                + "lower priority for the other work); " + gain + "."
            : s != null && s.threads() == 1 && cores > 1
            ? "Parallelise " + b.stage() + " or make it cheaper: it is CPU-bound on 1 thread, "
                + "so it uses at most 1 of the " + cores + " cores; " + gain + "."
            : "Make " + b.stage() + " cheaper per call: it is CPU-bound; " + gain + ".";
        case SKEW -> "Rebalance " + b.stage() + ": the slowest of its parallel calls holds the "
            + "join; evening it out buys at most its excess over the next-slowest call ("
            + Units.duration(b.numbers().getOrDefault("max_ns", 0.0)
                - b.numbers().getOrDefault("next_ns", 0.0)) + " per run).";
        case ALLOC -> "Cut allocation in " + b.stage() + " (reuse buffers, stream instead of "
            + "building intermediate objects): allocation is its dominant cost; " + gain + ".";
        case GC -> "Reduce the allocation that drives GC during " + b.stage()
            + ", or size the heap for it; " + gain + ".";
        case LOCK -> "Shorten or split the locks " + b.stage() + " contends on; " + gain + ".";
        case GPU -> b.stage() + " is GPU-bound: batch larger or use a faster kernel; " + gain + ".";
        case IO -> b.stage() + " waits on I/O: batch, buffer or overlap it; " + gain + ".";
        case WAIT -> "Overlap or remove the waits in " + b.stage() + " (parallel requests, "
            + "prefetch, fewer round trips): it is mostly off CPU; " + gain + ".";
        case UNKNOWN -> "Look into " + b.stage() + ": it holds the critical path, but its CPU "
            + "time was not measured, so whether it computes or waits is not known; " + gain
            + ".";
      };
      out.add(new Recommendation(b.stage(), text, b.evidence(), n));
    }
    for (StageStats s : stages) {
      double wallShare = summedWallNanos <= 0 ? 0 : (double) s.wallNanos() / summedWallNanos;
      if (s.name().equals(rootStage) || wallShare < DEFAULT_SLOW_WALL_SHARE
          || s.criticalPathShare() >= DEFAULT_OFF_PATH_SHARE) {
        continue;
      }
      Map<String, Double> n = new LinkedHashMap<>();
      n.put("wall_ns", (double) s.wallNanos());
      n.put("wall_share", wallShare);
      n.put("critical_path_share", s.criticalPathShare());
      n.put("inclusive_critical_path_share", s.inclusivePathShare());
      if (s.inclusivePathShare() >= DEFAULT_OFF_PATH_SHARE) {
        // its own time is off the path, but the stages it calls are on it: it is not idle
        // weight, and speeding it up as a whole pays
        WhatIf w = subtreeWhatIf.apply(s.name());
        n.put("what_if_gain_ns", (double) w.predictedGainNanos());
        String callees = w.including().isEmpty() ? "the stages it calls"
            : (w.including().size() == 1 ? "its child " : "its children ")
                + String.join(", ", w.including());
        out.add(new Recommendation(s.name(), s.name() + " holds the run back through "
            + callees + ": " + Units.times(w.speedup()).replace(".0x", "x")
            + " faster including " + callees.replace("the stages it calls", "them")
            + " would save " + Units.duration(w.predictedGainNanos()) + " of "
            + Units.duration(w.wallNanos()) + " (" + Units.percent(w.gainShare()) + ").",
            Units.percent(s.inclusivePathShare()) + " of the critical path including what it "
                + "calls, " + Units.percent(s.criticalPathShare()) + " in its own time", n));
        continue;
      }
      WhatIf w = whatIf.apply(s.name());
      n.put("what_if_gain_ns", (double) w.predictedGainNanos());
      out.add(new Recommendation(s.name(), "Leave " + s.name() + " alone: it is slow but off "
          + "the critical path, so speeding it up buys next to nothing.",
          "took " + Units.duration(s.wallNanos()) + " (" + Units.percent(wallShare)
              + " of the runs' wall time) but " + Units.percent(s.criticalPathShare())
              + " on the critical path, with what it calls "
              + Units.percent(s.inclusivePathShare()) + "; "
              + Units.times(w.speedup()).replace(".0x", "x")
              + " faster is predicted to save " + Units.duration(w.predictedGainNanos()), n));
    }
    return out;
  }

  private static StageStats find(List<StageStats> stages, String name) {
    for (StageStats s : stages) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
