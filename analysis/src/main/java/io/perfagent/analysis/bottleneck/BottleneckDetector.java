package io.perfagent.analysis.bottleneck;

import io.perfagent.analysis.contention.StageContention;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analysis.text.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ranks a pipeline's stages by critical-path share and names the kind of each bottleneck. */
public final class BottleneckDetector {

  private BottleneckDetector() {}

  public static List<Bottleneck> detect(List<AnalyzedRun> runs, List<StageStats> stages,
      List<ResourceSample> samples, BottleneckThresholds t) {
    return detect(runs, stages, samples, t, Map.of());
  }

  /** With each stage's lock and wait time (by stage name): the evidence of lock and wait. */
  public static List<Bottleneck> detect(List<AnalyzedRun> runs, List<StageStats> stages,
      List<ResourceSample> samples, BottleneckThresholds t,
      Map<String, StageContention> contention) {
    List<StageStats> ranked = new ArrayList<>(stages);
    ranked.sort(Comparator.comparingDouble(StageStats::criticalPathShare).reversed());
    List<Bottleneck> out = new ArrayList<>();
    for (StageStats s : ranked) {
      if (out.size() >= t.maxBottlenecks() || s.criticalPathShare() < t.minShare()
          || s.criticalPathShare() <= 0) {
        break;
      }
      out.add(classify(runs, s, samples, t, contention.get(s.name())));
    }
    return out;
  }

  static Bottleneck classify(List<AnalyzedRun> runs, StageStats s, List<ResourceSample> samples,
      BottleneckThresholds t, StageContention c) {
    Map<String, Double> n = new LinkedHashMap<>();
    double share = s.criticalPathShare();
    n.put("critical_path_share", share);
    n.put("critical_path_ns", (double) s.criticalPathNanos());
    n.put("threads", (double) s.threads());
    if (s.criticalPathCpuRatio() >= 0) {
      n.put("cpu_ratio", s.criticalPathCpuRatio());
    }
    if (s.allocRateBytesPerSec() >= 0) {
      n.put("alloc_bytes_per_sec", s.allocRateBytesPerSec());
      n.put("self_alloc_bytes", (double) s.selfAllocBytes());
    }
    String onPath = Units.duration(s.criticalPathNanos()) + " on the critical path";

    // Lock before skew: threads queued on one lock finish one after another, so their calls
    // spread out like stragglers; the lock is the cause, the spread only its shape.
    if (s.blockedNanos() >= 0 && s.blockedWallNanos() > 0) {
      double blocked = (double) s.blockedNanos() / s.blockedWallNanos();
      n.put("blocked_ratio", blocked);
      n.put("blocked_ns", (double) s.blockedNanos());
      n.put("blocked_wall_ns", (double) s.blockedWallNanos());
      if (c != null) {
        n.put("threads_blocked", (double) c.threadsBlocked());
      }
      if (blocked >= t.lockRatio()) {
        return new Bottleneck(s.name(), BottleneckKind.LOCK, share, lockEvidence(s, c), n);
      }
    }
    if (c != null && c.waitNanos() > 0) {
      n.put("wait_ns", (double) c.waitNanos());
      if (s.blockedWallNanos() > 0) {
        double waited = (double) c.waitNanos() / s.blockedWallNanos();
        n.put("wait_ratio", waited);
        if (waited >= t.waitRatio()) {
          return new Bottleneck(s.name(), BottleneckKind.WAIT, share, "waited "
              + Units.duration(c.waitNanos()) + " of " + Units.duration(s.blockedWallNanos())
              + " " + c.topWaitedOn() + " (a queue, a future or a condition, not a lock); "
              + c.threadsWaited() + " of " + s.threads()
              + (s.threads() == 1 ? " thread" : " threads") + " waited", n);
        }
      }
    }

    Skew skew = SkewFinder.find(runs, s.name(), t.skewRatio());
    if (skew != null) {
      n.put("calls", (double) skew.calls());
      n.put("max_ns", (double) skew.maxNanos());
      n.put("median_ns", (double) skew.medianNanos());
      n.put("next_ns", (double) skew.nextNanos());
      n.put("ratio", skew.ratio());
      n.put("runs", (double) skew.runs());
      String ev = "1 of " + skew.calls() + " parallel calls took " + Units.times(skew.ratio())
          + " the median (" + Units.duration(skew.maxNanos()) + " vs "
          + Units.duration(skew.medianNanos()) + ") and held the join"
          + (runs.size() > 1 ? ", in " + skew.runs() + " of " + runs.size() + " runs" : "");
      return new Bottleneck(s.name(), BottleneckKind.SKEW, share, ev, n);
    }
    ResourceOverlap overlap = ResourceOverlap.of(runs, s.name());
    if (overlap.totalNanos() > 0) {
      long gc = overlap.gcNanos(samples);
      if (gc > 0) {
        double gcRatio = (double) gc / overlap.totalNanos();
        n.put("gc_ns", (double) gc);
        n.put("gc_ratio", gcRatio);
        if (gcRatio >= t.gcRatio()) {
          return new Bottleneck(s.name(), BottleneckKind.GC, share, "GC pauses covered "
              + Units.percent(gcRatio) + " of its " + onPath + " (" + Units.duration(gc) + ")"
              + allocClause(s), n);
        }
      }
    }
    if (s.allocRateBytesPerSec() >= t.allocBytesPerSec()) {
      return new Bottleneck(s.name(), BottleneckKind.ALLOC, share, "allocated "
          + Units.bytes(s.selfAllocBytes()) + " in " + Units.duration(s.selfNanos())
          + " of its own time (" + Units.bytes(s.allocRateBytesPerSec()) + "/s)", n);
    }
    double cpu = s.criticalPathCpuRatio();
    // folded calls without CPU of their own take their parent span's ratio: say so
    String cpuSource = s.cpuRatioFromParent() ? " (estimated from its parent span's CPU)" : "";
    if (cpu >= t.cpuRatio()) {
      return new Bottleneck(s.name(), BottleneckKind.CPU, share, "on CPU " + Units.percent(cpu)
          + " of its " + onPath + ", on " + s.threads()
          + (s.threads() == 1 ? " thread" : " threads") + cpuSource, n);
    }
    // GPU and NPU alike: whichever accelerator was busiest while the stage held the path
    boolean sampled = overlap.totalNanos() > 0;
    double gpuOnly = sampled ? overlap.meanWithin(samples, ResourceNames.GPU_UTILIZATION) : -1;
    double npu = sampled ? overlap.meanWithin(samples, ResourceNames.NPU_UTILIZATION) : -1;
    double gpu = Math.max(gpuOnly, npu);
    if (gpu >= 0) {
      n.put("gpu_utilization", gpu);
      if (gpu >= t.gpuUtilization()) {
        return new Bottleneck(s.name(), BottleneckKind.GPU, share, (npu > gpuOnly ? "NPU" : "GPU")
            + " busy " + Units.percent(gpu) + " on average during its " + onPath, n);
      }
    }
    double io = sampled ? overlap.meanWithin(samples, ResourceNames.IO) : -1;
    if (io >= 0) {
      n.put("io_wait", io);
      if (io >= t.ioWait()) {
        return new Bottleneck(s.name(), BottleneckKind.IO, share, "waiting on I/O "
            + Units.percent(io) + " of its " + onPath, n);
      }
    }
    // Off CPU part of the time while the machine's CPUs were saturated: runnable, waiting for
    // a core, not for I/O or a queue. More cores or fewer busy threads would help, not overlap.
    double machine = sampled && cpu >= t.contendedCpuRatio()
        ? overlap.meanWithin(samples, ResourceNames.CPU) : -1;
    if (machine >= 0) {
      n.put("machine_cpu_utilization", machine);
      if (machine >= t.cpuRatio()) {
        return new Bottleneck(s.name(), BottleneckKind.CPU, share, "on CPU " + Units.percent(cpu)
            + " of its " + onPath + " while the machine's CPUs were " + Units.percent(machine)
            + " busy: it waited for a core" + cpuSource, n);
      }
    }
    if (cpu < 0) {
      // nothing says it waited: calling it a wait would be a guess dressed as a finding
      return new Bottleneck(s.name(), BottleneckKind.UNKNOWN, share,
          "CPU time was not measured, so the kind is not known; " + onPath, n);
    }
    String ev = "off CPU " + Units.percent(1 - cpu) + " of its " + onPath
        + " (sleep, I/O, a join or a queue)" + cpuSource;
    if (c != null && c.waitNanos() > 0) {
      ev += "; waited " + Units.duration(c.waitNanos()) + " of its "
          + Units.duration(s.wallNanos()) + " " + c.topWaitedOn();
    }
    return new Bottleneck(s.name(), BottleneckKind.WAIT, share, ev, n);
  }

  /**
   * Over the calls whose blocked time was measured (lock times may start late in a run):
   * {@code blocked 219 ms of 296 ms on monitor io.acme.Ledger (held by stage "post"); 3 of 4
   * threads were blocked}; without the detail of what was waited on, the bare ratio.
   */
  static String lockEvidence(StageStats s, StageContention c) {
    double blocked = (double) s.blockedNanos() / s.blockedWallNanos();
    if (c == null || c.blockedOn().isEmpty()) {
      return "blocked on locks " + Units.percent(blocked) + " of its "
          + Units.duration(s.blockedWallNanos());
    }
    StringBuilder b = new StringBuilder("blocked ").append(Units.duration(s.blockedNanos()))
        .append(" of ").append(Units.duration(s.blockedWallNanos())).append(' ')
        .append(c.topBlockedOn().replaceFirst("^monitor ", "on monitor "));
    if (!c.topHolder().isEmpty()) {
      b.append(" (held by stage \"").append(c.topHolder()).append('"');
      if (!c.soleHolderThread().isEmpty()) {
        b.append(" on ").append(c.soleHolderThread());
      } else if (c.holderThreads() > 1) {
        b.append(" on ").append(c.holderThreads()).append(" threads");
      }
      b.append(')');
    }
    b.append("; ").append(c.threadsBlocked()).append(" of ").append(s.threads())
        .append(s.threads() == 1 ? " thread was" : " threads were").append(" blocked");
    return b.toString();
  }

  private static String allocClause(StageStats s) {
    return s.allocRateBytesPerSec() > 0
        ? ", allocating " + Units.bytes(s.allocRateBytesPerSec()) + "/s" : "";
  }
}
