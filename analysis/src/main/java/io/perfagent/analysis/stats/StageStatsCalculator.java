package io.perfagent.analysis.stats;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.LatencyBuckets;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.AnalyzedRun;
import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.path.SpanTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
    Set<String> spansCounted = new HashSet<>();
    for (StageSpan s : spans) {
      List<StageSpan> kids = children.getOrDefault(s.spanId(), List.of());
      Own o = Own.of(s, kids);
      Acc a = accs.computeIfAbsent(s.stage(), Acc::new);
      long offset = Math.max(0, s.startNanos() - runStart);
      a.firstOffset = Math.min(a.firstOffset, offset);
      a.pct.add(s.durationNanos(), 1);
      // its own folded children count whether or not the span itself is counted below
      for (int fi = 0; fi < s.folded().size(); fi++) { // indexed: see Own.of
        FoldedAggregate f = s.folded().get(fi);
        Acc fa = accs.computeIfAbsent(f.stage(), Acc::new);
        fa.firstOffset = Math.min(fa.firstOffset, offset);
        long asSpans = 0;
        if (f.direct() && spansCounted.add(s.spanId() + '\u0000' + f.stage())) {
          for (StageSpan k : kids) { // the spans of the stage, once per parent
            if (k.stage().equals(f.stage())) {
              asSpans++;
            }
          }
        }
        fa.addFold(f, o.tree.selfNanos(f), f.calls() - asSpans, s.threadId());
      }
      StageSpan parent = byId.get(s.parentSpanId());
      if (s.exemplar() || (parent != null && directFoldOf(parent, s.stage()) != null)) {
        // an exemplar's call is in a fold of its parent; an AUTO stage's calls that stayed
        // spans are in its direct fold's totals. A call of a stage the parent folded only
        // within another folded stage is a call of its own
        continue;
      }
      a.addCall(s, o);
    }
    // the spans on the path again (kept for them only: a map of every span's was 100 MB of a
    // million-span trace's analysis)
    Map<String, Own> own = new HashMap<>();
    Function<StageSpan, Own> ownOf = s -> own.computeIfAbsent(s.spanId(),
        id -> Own.of(s, children.getOrDefault(id, List.of())));
    Set<String> through = new HashSet<>();
    for (CriticalPathSegment seg : run.criticalPath().segments()) {
      SpanTree.Node node = run.tree().node(seg.spanId());
      if (node != null && node.fold() != null) {
        // folded calls on another thread: the path ran through their window
        StageSpan parent = byId.get(node.span().parentSpanId());
        addInclusiveUp(parent, seg, byId, accs, through);
        addFoldPath(ownOf.apply(parent).tree, node.fold(), seg.durationNanos(), -1, accs);
        continue;
      }
      StageSpan s = byId.get(seg.spanId());
      Own o = ownOf.apply(s);
      double left = 1.0;
      addInclusiveUp(s, seg, byId, accs, through);
      double parentRatio = s.cpuExact() && s.cpuNanos() >= 0 && s.durationNanos() > 0
          ? Math.min(1.0, (double) s.cpuNanos() / s.durationNanos()) : -1;
      for (FoldedAggregate f : o.tree.direct()) {
        Long inGap = o.foldedInGap.get(f);
        if (inGap == null || o.gap <= 0) {
          continue;
        }
        double share = (double) inGap / o.gap;
        left -= share;
        // the parent's CPU says how busy its own thread was: calls summed over other threads
        // (virtual threads, whose CPU the JVM does not read) ran elsewhere, at a rate unknown
        boolean parentsThread = f.threadId() < 0 || f.threadId() == s.threadId();
        addFoldPath(o.tree, f, seg.durationNanos() * share, parentsThread ? parentRatio : -1,
            accs);
      }
      accs.get(s.stage()).addPath(seg.durationNanos() * Math.max(0, left), o.cpuRatio(), false);
    }
  }

  /** The segment is inside the subtree of {@code s} and of each of its ancestors. */
  private static void addInclusiveUp(StageSpan s, CriticalPathSegment seg,
      Map<String, StageSpan> byId, Map<String, Acc> accs, Set<String> through) {
    through.clear(); // one set for every segment: it guards against a parent cycle
    for (StageSpan up = s; up != null && through.add(up.spanId());
        up = byId.get(up.parentSpanId())) {
      accs.get(up.stage()).addInclusive(seg.spanId(), seg.durationNanos());
    }
  }

  /**
   * Critical-path time of a fold, split between it and the folds within it; a fold without
   * CPU of its own takes {@code parentRatio} (the parent span's, when they shared its thread).
   */
  private static void addFoldPath(FoldTree tree, FoldedAggregate f, double nanos,
      double parentRatio, Map<String, Acc> accs) {
    tree.split(f, nanos, (fold, ownPart, inclusive) -> {
      Acc fa = accs.get(fold.stage());
      boolean measured = fold.wallNanos() > 0 && fold.cpuNanos() >= 0;
      fa.addPath(ownPart, measured ? (double) fold.cpuNanos() / fold.wallNanos()
          : parentRatio, !measured && parentRatio >= 0);
      fa.addInclusive(null, inclusive);
      return true;
    });
  }

  private static FoldedAggregate directFoldOf(StageSpan parent, String stage) {
    List<FoldedAggregate> folded = parent.folded();
    for (int i = 0; i < folded.size(); i++) {
      FoldedAggregate f = folded.get(i);
      if (f.direct() && f.stage().equals(stage)) {
        return f;
      }
    }
    return null;
  }

  /** A call's own figures: self wall, CPU and allocation, and its folded children's part. */
  private record Own(long gap, Map<FoldedAggregate, Long> foldedInGap, FoldTree tree, long self,
      long selfCpu, long selfAlloc) {

    static Own of(StageSpan s, List<StageSpan> kids) {
      long gap = SelfTime.gapNanos(s, kids);
      Map<FoldedAggregate, Long> fold = SelfTime.foldedInGap(s, kids, gap);
      FoldTree tree = FoldTree.of(s);
      long foldSum = 0;
      long foldCpu = 0;
      long foldAlloc = 0;
      foldSum = SelfTime.total(fold);
      // indexed loops: most spans have neither folds nor children, and a for-each over an
      // empty list still makes an iterator (80 MB of a million-span trace's analysis)
      List<FoldedAggregate> folded = s.folded();
      for (int i = 0; i < folded.size(); i++) {
        FoldedAggregate f = folded.get(i);
        // the folds' CPU and allocation were the parent thread's own counters' part, when
        // they ran on its thread; those within another fold are in that fold's figures
        Long inGap = fold.get(f);
        double part = inGap == null || f.wallNanos() <= 0 ? 0 : (double) inGap / f.wallNanos();
        if (f.cpuNanos() >= 0) {
          foldCpu += (long) (f.cpuNanos() * part);
        } else if (inGap != null && s.cpuNanos() >= 0 && s.durationNanos() > 0) {
          // not measured: the calls took the thread's CPU at the parent's own rate, the rate
          // the path gives them too; all of it left to the parent read as the parent on CPU
          // and its calls waiting, on one busy thread
          foldCpu += (long) (inGap * Math.min(1.0, (double) s.cpuNanos() / s.durationNanos()));
        }
        foldAlloc += (long) (Math.max(0, f.allocBytes()) * part);
      }
      long kidCpu = 0;
      long kidAlloc = 0;
      for (int i = 0; i < kids.size(); i++) {
        StageSpan k = kids.get(i);
        if (k.threadId() == s.threadId()) { // thread counters include nested same-thread calls
          kidCpu += Math.max(0, k.cpuNanos());
          kidAlloc += Math.max(0, k.allocBytes());
        }
      }
      long selfCpu = s.cpuNanos() < 0 ? -1 : Math.max(0, s.cpuNanos() - kidCpu - foldCpu);
      long selfAlloc = s.allocBytes() < 0 ? -1 : Math.max(0, s.allocBytes() - kidAlloc - foldAlloc);
      return new Own(gap, fold, tree, Math.max(0, gap - foldSum), selfCpu, selfAlloc);
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
    /** Path time whose CPU ratio is the parent span's (folded calls without their own CPU). */
    double pathCpuFromParent;
    double inclusive;
    /** The last segment credited to inclusive time: a stage nested in itself counts it once. */
    String inclusiveSegment;
    long timedCalls;
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

    void addFold(FoldedAggregate f, long selfNanos, long notSpans, long threadId) {
      folded = true;
      calls += f.calls();
      errors += f.errors();
      wall += f.wallNanos();
      self += selfNanos; // less the folds within it
      timedCalls += f.timedCalls();
      records += f.records();
      bytes += f.bytes();
      threads.add(threadId);
      if (f.cpuNanos() >= 0) {
        cpuKnown = true;
        cpuExact = false; // folded CPU is sampled or summed from samples
        cpu += f.cpuNanos();
        selfCpu += f.cpuNanos();
        selfWallCpuKnown += selfNanos;
      }
      if (f.allocBytes() >= 0) {
        allocKnown = true;
        alloc += f.allocBytes();
        selfAlloc += f.allocBytes();
        selfWallAllocKnown += selfNanos;
      }
      if (notSpans <= 0) {
        return;
      }
      LatencyBuckets b = f.buckets();
      long total = b.totalCount();
      if (total > 0) {
        // the buckets stand for the folded calls; exemplar spans were added one by one
        double scale = (double) notSpans / total;
        for (int i = 0; i < b.size(); i++) {
          pct.add(b.valueNanos(i), b.count(i) * scale);
        }
      } else {
        // a producer without buckets: three points of its distribution
        pct.add(f.p50Nanos(), notSpans * 0.50);
        pct.add(f.p99Nanos(), notSpans * 0.49);
        pct.add(f.maxNanos(), notSpans * 0.01);
      }
    }

    void addPath(double nanos, double cpuRatio, boolean fromParent) {
      path += nanos;
      if (cpuRatio >= 0) {
        pathCpu += nanos * cpuRatio;
        pathCpuKnown += nanos;
        if (fromParent) {
          pathCpuFromParent += nanos;
        }
      }
    }

    /** Critical-path time inside this stage's subtree; {@code segment} null for folds. */
    void addInclusive(String segment, double nanos) {
      if (segment != null && segment.equals(inclusiveSegment)) {
        return;
      }
      inclusiveSegment = segment;
      inclusive += nanos;
    }

    StageStats toStats(long summedWall) {
      long cp = Math.round(path);
      long in = Math.max(cp, Math.round(inclusive));
      return new StageStats(name, calls, errors, wall, self,
          cpuKnown ? cpu : -1, cpuKnown ? selfCpu : -1, cpuKnown && cpuExact,
          allocKnown ? alloc : -1, allocKnown ? selfAlloc : -1, blockedKnown ? blocked : -1,
          records, bytes,
          pct.percentile(50), pct.percentile(95), pct.percentile(99), pct.max(),
          cp, summedWall <= 0 ? 0 : (double) cp / summedWall,
          pathCpuKnown > 0 ? pathCpu / pathCpuKnown : -1,
          selfWallAllocKnown > 0 ? selfAlloc * 1e9 / selfWallAllocKnown : -1,
          threads.size(), folded, firstOffset == Long.MAX_VALUE ? 0 : firstOffset,
          in, summedWall <= 0 ? 0 : (double) in / summedWall,
          pathCpuKnown > 0 && pathCpuFromParent >= pathCpuKnown / 2, timedCalls,
          pct.histogram(), blockedWall);
    }
  }
}
