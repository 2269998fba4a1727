package io.perfagent.analysis.stats;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.path.CriticalPathSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes {@link StageStats} for the runs of one pipeline (definitions in the package doc). */
public final class StageStatsCalculator {

  private StageStatsCalculator() {}

  /** Stages in pipeline order (earliest start within a run first, enclosing stages first). */
  public static List<StageStats> compute(List<AnalyzedRun> runs) {
    Map<String, Acc> accs = new LinkedHashMap<>();
    long summedWall = 0;
    for (AnalyzedRun run : runs) {
      summedWall += run.wallNanos();
      addRun(run, accs);
    }
    List<StageStats> out = new ArrayList<>();
    for (Acc a : accs.values()) {
      out.add(a.toStats(summedWall));
    }
    // at equal offsets the enclosing (longer) stage comes first: the root heads the table
    out.sort(Comparator.comparingLong(StageStats::firstOffsetNanos)
        .thenComparing(Comparator.comparingLong(StageStats::maxNanos).reversed())
        .thenComparing(StageStats::name));
    return out;
  }

  private static void addRun(AnalyzedRun run, Map<String, Acc> accs) {
    List<StageSpan> spans = run.trace().spans();
    Map<String, List<StageSpan>> children = run.trace().childrenByParent();
    Map<String, StageSpan> byId = new HashMap<>();
    for (StageSpan s : spans) {
      byId.putIfAbsent(s.spanId(), s);
    }
    long runStart = run.trace().root().startNanos();
    Map<String, Own> own = new HashMap<>();
    for (StageSpan s : spans) {
      List<StageSpan> kids = children.getOrDefault(s.spanId(), List.of());
      Own o = Own.of(s, kids);
      own.put(s.spanId(), o);
      Acc a = accs.computeIfAbsent(s.stage(), Acc::new);
      long offset = Math.max(0, s.startNanos() - runStart);
      a.firstOffset = Math.min(a.firstOffset, offset);
      a.pct.add(s.durationNanos(), 1);
      StageSpan parent = byId.get(s.parentSpanId());
      if (parent != null && foldOf(parent, s.stage()) != null) {
        continue; // the parent's aggregate counts this call already
      }
      a.addCall(s, o);
      for (FoldedAggregate f : s.folded()) {
        Acc fa = accs.computeIfAbsent(f.stage(), Acc::new);
        fa.firstOffset = Math.min(fa.firstOffset, offset);
        long asSpans = 0;
        for (StageSpan k : kids) {
          if (k.stage().equals(f.stage())) {
            asSpans++;
          }
        }
        fa.addFold(f, f.calls() - asSpans, s.threadId());
      }
    }
    for (CriticalPathSegment seg : run.criticalPath().segments()) {
      StageSpan s = byId.get(seg.spanId());
      Own o = own.get(seg.spanId());
      double left = 1.0;
      for (Map.Entry<String, Long> e : o.foldedInGap.entrySet()) {
        double share = o.gap <= 0 ? 0 : (double) e.getValue() / o.gap;
        left -= share;
        FoldedAggregate f = foldOf(s, e.getKey());
        double ratio = f.wallNanos() > 0 && f.cpuNanos() >= 0
            ? (double) f.cpuNanos() / f.wallNanos() : -1;
        accs.get(e.getKey()).addPath(seg.durationNanos() * share, ratio);
      }
      accs.get(s.stage()).addPath(seg.durationNanos() * Math.max(0, left), o.cpuRatio());
    }
  }

  static FoldedAggregate foldOf(StageSpan parent, String stage) {
    for (FoldedAggregate f : parent.folded()) {
      if (f.stage().equals(stage)) {
        return f;
      }
    }
    return null;
  }

  /** A call's own figures: self wall, CPU and allocation, and its folded children's part. */
  private record Own(long gap, Map<String, Long> foldedInGap, long self, long selfCpu,
      long selfAlloc) {

    static Own of(StageSpan s, List<StageSpan> kids) {
      long gap = SelfTime.gapNanos(s, kids);
      Map<String, Long> fold = SelfTime.foldedInGap(s, kids, gap);
      long foldSum = 0;
      long foldCpu = 0;
      long foldAlloc = 0;
      for (Map.Entry<String, Long> e : fold.entrySet()) {
        foldSum += e.getValue();
        FoldedAggregate f = foldOf(s, e.getKey());
        double part = f.wallNanos() <= 0 ? 0 : (double) e.getValue() / f.wallNanos();
        foldCpu += (long) (Math.max(0, f.cpuNanos()) * part);
        foldAlloc += (long) (Math.max(0, f.allocBytes()) * part);
      }
      long kidCpu = 0;
      long kidAlloc = 0;
      for (StageSpan k : kids) {
        if (k.threadId() == s.threadId()) { // thread counters include nested same-thread calls
          kidCpu += Math.max(0, k.cpuNanos());
          kidAlloc += Math.max(0, k.allocBytes());
        }
      }
      long selfCpu = s.cpuNanos() < 0 ? -1 : Math.max(0, s.cpuNanos() - kidCpu - foldCpu);
      long selfAlloc = s.allocBytes() < 0 ? -1 : Math.max(0, s.allocBytes() - kidAlloc - foldAlloc);
      return new Own(gap, fold, Math.max(0, gap - foldSum), selfCpu, selfAlloc);
    }

    double cpuRatio() {
      return selfCpu < 0 || self <= 0 ? -1 : Math.min(1.0, (double) selfCpu / self);
    }
  }

  private static final class Acc {
    final String name;
    final WeightedPercentiles pct = new WeightedPercentiles();
    final Set<Long> threads = new HashSet<>();
    long calls;
    long errors;
    long wall;
    long self;
    long cpu;
    boolean cpuKnown;
    boolean cpuExact = true;
    long selfCpu;
    long selfWallCpuKnown;
    long alloc;
    boolean allocKnown;
    long selfAlloc;
    long selfWallAllocKnown;
    long blocked;
    boolean blockedKnown;
    long blockedWall;
    long records;
    long bytes;
    double path;
    double pathCpu;
    double pathCpuKnown;
    boolean folded;
    long firstOffset = Long.MAX_VALUE;

    Acc(String name) {
      this.name = name;
    }

    void addCall(StageSpan s, Own o) {
      calls++;
      errors += s.error() ? 1 : 0;
      wall += s.durationNanos();
      self += o.self;
      records += s.records();
      bytes += s.bytes();
      threads.add(s.threadId());
      if (s.cpuNanos() >= 0) {
        cpuKnown = true;
        cpu += s.cpuNanos();
        cpuExact &= s.cpuExact();
        selfCpu += o.selfCpu;
        selfWallCpuKnown += o.self;
      }
      if (s.allocBytes() >= 0) {
        allocKnown = true;
        alloc += s.allocBytes();
        selfAlloc += o.selfAlloc;
        selfWallAllocKnown += o.self;
      }
      if (s.blockedNanos() >= 0) {
        blockedKnown = true;
        blocked += s.blockedNanos();
        blockedWall += s.durationNanos();
      }
    }

    void addFold(FoldedAggregate f, long notSpans, long threadId) {
      folded = true;
      calls += f.calls();
      errors += f.errors();
      wall += f.wallNanos();
      self += f.wallNanos(); // per-record calls leave no children behind
      records += f.records();
      bytes += f.bytes();
      threads.add(threadId);
      if (f.cpuNanos() >= 0) {
        cpuKnown = true;
        cpuExact = false; // folded CPU is sampled or summed from samples
        cpu += f.cpuNanos();
        selfCpu += f.cpuNanos();
        selfWallCpuKnown += f.wallNanos();
      }
      if (f.allocBytes() >= 0) {
        allocKnown = true;
        alloc += f.allocBytes();
        selfAlloc += f.allocBytes();
        selfWallAllocKnown += f.wallNanos();
      }
      if (notSpans > 0) {
        pct.add(f.p50Nanos(), notSpans * 0.50);
        pct.add(f.p99Nanos(), notSpans * 0.49);
        pct.add(f.maxNanos(), notSpans * 0.01);
      }
    }

    void addPath(double nanos, double cpuRatio) {
      path += nanos;
      if (cpuRatio >= 0) {
        pathCpu += nanos * cpuRatio;
        pathCpuKnown += nanos;
      }
    }

    StageStats toStats(long summedWall) {
      long cp = Math.round(path);
      return new StageStats(name, calls, errors, wall, self,
          cpuKnown ? cpu : -1, cpuKnown ? selfCpu : -1, cpuKnown && cpuExact,
          allocKnown ? alloc : -1, allocKnown ? selfAlloc : -1, blockedKnown ? blocked : -1,
          records, bytes,
          pct.percentile(50), pct.percentile(95), pct.percentile(99), pct.max(),
          cp, summedWall <= 0 ? 0 : (double) cp / summedWall,
          pathCpuKnown > 0 ? pathCpu / pathCpuKnown : -1,
          selfWallAllocKnown > 0 ? selfAlloc * 1e9 / selfWallAllocKnown : -1,
          threads.size(), folded, firstOffset == Long.MAX_VALUE ? 0 : firstOffset,
          blockedWall);
    }
  }
}
