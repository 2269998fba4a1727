package io.perfagent.agent.report;

import io.perfagent.agent.collect.FinishedStage;
import io.perfagent.agent.collect.FoldSummary;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.bootstrap.StageRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bound on what the exit analysis keeps ({@code report.max.spans}), kept so that every run
 * stays whole and every call stays counted.
 *
 * <pre>
 * Children end before their parents, so a bound that keeps the first N spans fills with the
 * children of the first long run and drops its root: the analysis then sees runs without a
 * root (no run at all) or children as runs of their own. Instead:
 *
 *  - roots are always kept (their number is small beside the spans'): past the bound, up to
 *    as many again; a root past that is dropped with its run, and counted;
 *  - the first spans, up to the bound, are kept as they are;
 *  - past the bound, a span is summarised: its call is added to one aggregate per
 *    (trace, parent span, stage, stage it ran within, thread), with exact counts and totals
 *    and its wall time in compact buckets; its own folded children go up with it. The
 *    number of aggregates is bounded by the distinct parents, threads and stages of the
 *    summarised spans, and capped: past the cap, calls go to one aggregate per stage under
 *    the run's root (counted as fallbacks);
 *  - an exemplar span past the bound is dropped: its call is already in its parent's fold;
 *  - a summarised span's children that were summarised before it (children end first) move
 *    up to its parent, marked as running within its stage when they shared its thread, so
 *    the parent's self time and the critical path stay right. A child that arrives after its
 *    summarised parent finds it in a bounded map of recent summarised spans; a span a kept
 *    span hangs from is always remembered, so that kept span can follow it at exit;
 *  - at exit each aggregate becomes a folded child of its parent (when that parent was not
 *    kept, because it never ended or was forgotten: of the run's root, counted). The
 *    analysis already reads folded children, including calls made on other threads (a
 *    branch of their own beside the parent's thread).
 *
 * A stage whose parent has a fold of it is counted by the analysis from that fold alone (an
 * AUTO stage's first calls are spans and in the fold both). Two rules keep that exact: a
 * summarised span whose parent has a fold of its stage adds nothing (the fold has it); and
 * once a parent has an aggregate of a stage, its kept child spans of that stage are added to
 * the aggregate's totals (they stay spans, for the trace and the critical path).
 * </pre>
 *
 * Used by the drain thread, then, after the last {@link #accept}, by the report's thread.
 */
final class RunBound {

  /** What the analysis gets: the spans kept, and the folded children to add, by span id. */
  record Kept(List<FinishedStage> spans, Map<Long, List<FoldedAggregate>> aggregates,
      Map<String, Long> counters, long droppedSpans, long summarisedSpans,
      long droppedExemplars) {}

  /** A summarised span, as its late children and kept children need it. */
  private record Summarised(long parentSpanId, int stageId, long threadId, Set<String> folds) {}

  private record TraceKey(long hi, long lo) {}

  private final int maxSpans;
  private final int maxRootsPast;
  private final int maxAggregates;
  private final int maxRecent;

  private final List<FinishedStage> kept = new ArrayList<>();
  /** Parents of kept spans: a summarised one of them is remembered until exit. */
  private final Set<Long> keptParents = new HashSet<>();
  private final Map<Long, Summarised> pinned = new HashMap<>();
  private final Map<Long, Summarised> recent;
  private final Map<StageAggregate.Key, StageAggregate> aggregates = new HashMap<>();
  private final Map<Long, List<StageAggregate>> byParent = new HashMap<>();

  private long accepted;
  private long rootsPast;
  private long droppedRuns;
  private long summarisedSpans;
  private long droppedExemplars;
  private long fallbacks;
  private final Map<String, Long> summarisedByStage = new HashMap<>();
  private final Map<String, Long> exemplarsByStage = new HashMap<>();
  private final Map<String, Long> droppedByStage = new HashMap<>();

  RunBound(int maxSpans) {
    this(maxSpans, maxSpans, Math.max(256, maxSpans / 10), Math.max(1024, maxSpans / 10));
  }

  RunBound(int maxSpans, int maxRootsPast, int maxAggregates, int maxRecent) {
    this.maxSpans = maxSpans;
    this.maxRootsPast = maxRootsPast;
    this.maxAggregates = maxAggregates;
    this.maxRecent = maxRecent;
    this.recent = new LinkedHashMap<>(256, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Summarised> eldest) {
        return size() > RunBound.this.maxRecent;
      }
    };
  }

  void accept(FinishedStage s) {
    accepted++;
    if (s.root) {
      if (kept.size() < maxSpans || rootsPast < maxRootsPast) {
        rootsPast += kept.size() >= maxSpans ? 1 : 0;
        kept.add(s);
      } else {
        droppedRuns++;
        droppedByStage.merge(name(s.stageId), 1L, Long::sum);
      }
      return;
    }
    if (kept.size() < maxSpans) {
      kept.add(s);
      keptParents.add(s.parentSpanId);
      return;
    }
    if (summarisedSpans + droppedExemplars == 0) {
      AgentLog.info("the report keeps at most " + maxSpans + " spans (report.max.spans) and "
          + "every run's root; later spans are summarised into per-stage aggregates under "
          + "their parents, counted exactly");
    }
    if (s.exemplar) {
      droppedExemplars++;
      exemplarsByStage.merge(name(s.stageId), 1L, Long::sum);
      return;
    }
    summarise(s);
  }

  private void summarise(FinishedStage s) {
    summarisedSpans++;
    summarisedByStage.merge(name(s.stageId), 1L, Long::sum);
    Set<String> folds = s.folds().isEmpty() ? Set.of() : new HashSet<>(4);
    for (FoldSummary f : s.folds()) {
      folds.add(name(f.stageId));
    }
    Summarised me = new Summarised(s.parentSpanId, s.stageId, s.threadId, folds);
    (keptParents.contains(s.spanId) ? pinned : recent).put(s.spanId, me);
    StageAggregate call = land(new StageAggregate.Key(s.traceHi, s.traceLo, s.parentSpanId,
        s.stageId, -1, s.threadId, true));
    if (call != null) {
      call.addSpan(s);
    }
    for (FoldSummary f : s.folds()) {
      StageAggregate a = land(climb(new StageAggregate.Key(s.traceHi, s.traceLo, s.spanId,
          f.stageId, f.withinStageId, f.threadId, false), me));
      if (a != null) {
        a.addFold(f);
      }
    }
    List<StageAggregate> under = byParent.remove(s.spanId);
    if (under != null) {
      for (StageAggregate a : under) {
        aggregates.remove(a.key);
        StageAggregate to = land(climb(a.key, me));
        if (to != null) {
          to.merge(a);
        }
      }
    }
  }

  /**
   * The key one level up, past summarised span {@code up}: calls that shared its thread ran
   * within its stage. Null when its fold of the stage counts them already.
   */
  private static StageAggregate.Key climb(StageAggregate.Key k, Summarised up) {
    if (k == null || (k.fromSpans() && k.withinStageId() < 0
        && up.folds().contains(name(k.stageId())))) {
      return null;
    }
    int within = k.withinStageId() >= 0 ? k.withinStageId()
        : k.threadId() < 0 || k.threadId() == up.threadId() ? up.stageId() : -1;
    return new StageAggregate.Key(k.traceHi(), k.traceLo(), up.parentSpanId(), k.stageId(),
        within, k.threadId(), false);
  }

  private Summarised summarised(long spanId) {
    Summarised s = pinned.get(spanId);
    return s != null ? s : recent.get(spanId);
  }

  /** The aggregate for {@code k}, past every summarised parent; null: already counted. */
  private StageAggregate land(StageAggregate.Key k) {
    Summarised up;
    for (int guard = 0; k != null && guard < 1024 && (up = summarised(k.parentSpanId())) != null;
        guard++) {
      k = climb(k, up);
    }
    if (k == null) {
      return null;
    }
    StageAggregate a = aggregates.get(k);
    if (a == null && aggregates.size() >= maxAggregates) {
      fallbacks++;
      k = toRoot(k);
      a = aggregates.get(k);
    }
    if (a == null) {
      a = new StageAggregate(k);
      aggregates.put(k, a);
      byParent.computeIfAbsent(k.parentSpanId(), p -> new ArrayList<>(2)).add(a);
    }
    return a;
  }

  /** Under the run's root, whichever it is (parent 0 stands for it until exit). */
  private static StageAggregate.Key toRoot(StageAggregate.Key k) {
    return new StageAggregate.Key(k.traceHi(), k.traceLo(), 0, k.stageId(), -1, -1, false);
  }

  /** Ends the bound: what the analysis gets. Call once, after the last {@link #accept}. */
  Kept finish() {
    List<FinishedStage> spans = followSummarisedParents();
    Map<Long, FinishedStage> byId = new HashMap<>();
    Map<TraceKey, FinishedStage> roots = new HashMap<>();
    Map<Long, List<FinishedStage>> children = new HashMap<>();
    for (FinishedStage s : spans) {
      byId.put(s.spanId, s);
      if (s.root) {
        roots.merge(new TraceKey(s.traceHi, s.traceLo), s,
            (a, b) -> a.startEpochNanos <= b.startEpochNanos ? a : b);
      } else {
        children.computeIfAbsent(s.parentSpanId, k -> new ArrayList<>()).add(s);
      }
    }
    Map<Long, Map<StageAggregate.Key, StageAggregate>> attached = new HashMap<>();
    long lost = 0;
    for (StageAggregate a : aggregates.values()) {
      StageAggregate.Key k = a.key;
      if (!byId.containsKey(k.parentSpanId())) {
        // its parent never ended, or was summarised and forgotten: the run's root takes it
        FinishedStage root = roots.get(new TraceKey(k.traceHi(), k.traceLo()));
        if (root == null) {
          lost += a.calls; // the run's root was dropped, or had not ended at exit
          droppedByStage.merge(name(k.stageId()), a.calls, Long::sum);
          continue;
        }
        fallbacks += k.parentSpanId() != 0 ? 1 : 0;
        k = new StageAggregate.Key(k.traceHi(), k.traceLo(), root.spanId, k.stageId(), -1,
            k.parentSpanId() != 0 ? k.threadId() : -1, false);
      }
      attached.computeIfAbsent(k.parentSpanId(), p -> new LinkedHashMap<>())
          .computeIfAbsent(k, StageAggregate::new).merge(a);
    }
    Map<Long, List<FoldedAggregate>> out = new HashMap<>();
    long count = 0;
    for (Map.Entry<Long, Map<StageAggregate.Key, StageAggregate>> e : attached.entrySet()) {
      FinishedStage parent = byId.get(e.getKey());
      List<FoldedAggregate> folded = forParent(parent, e.getValue().values(),
          children.getOrDefault(parent.spanId, List.of()));
      count += folded.size();
      if (!folded.isEmpty()) {
        out.put(parent.spanId, folded);
      }
    }
    long dropped = droppedRuns + lost;
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("report_spans", accepted);
    counters.put("report_kept_spans", (long) spans.size());
    perStage(counters, "report_summarised_spans", summarisedSpans, summarisedByStage);
    perStage(counters, "report_dropped_exemplars", droppedExemplars, exemplarsByStage);
    perStage(counters, "report_dropped_spans", dropped, droppedByStage);
    counters.put("report_dropped_runs", droppedRuns);
    counters.put("report_summary_aggregates", count);
    counters.put("report_summary_fallbacks", fallbacks);
    kept.clear();
    aggregates.clear();
    byParent.clear();
    return new Kept(spans, out, counters, dropped, summarisedSpans, droppedExemplars);
  }

  /**
   * The kept spans, less those whose parent was summarised: they follow it into the
   * aggregates (an exemplar is dropped, its call being in that parent's fold), so every kept
   * span's parent is kept, as the analysis's tree needs. Parents usually come after their
   * children, so walking backwards settles most in one pass.
   */
  private List<FinishedStage> followSummarisedParents() {
    Set<Long> ids = new HashSet<>();
    for (FinishedStage s : kept) {
      ids.add(s.spanId);
    }
    boolean[] gone = new boolean[kept.size()];
    for (boolean changed = true; changed; ) {
      changed = false;
      for (int i = kept.size() - 1; i >= 0; i--) {
        FinishedStage s = kept.get(i);
        if (gone[i] || s.root || ids.contains(s.parentSpanId)
            || summarised(s.parentSpanId) == null) {
          continue;
        }
        gone[i] = true;
        changed = true;
        ids.remove(s.spanId);
        if (s.exemplar) {
          droppedExemplars++;
          exemplarsByStage.merge(name(s.stageId), 1L, Long::sum);
        } else {
          keptParents.add(s.spanId); // so its own kept children find it
          summarise(s);
        }
      }
    }
    List<FinishedStage> out = new ArrayList<>(kept.size());
    for (int i = 0; i < kept.size(); i++) {
      if (!gone[i]) {
        out.add(kept.get(i));
      }
    }
    return out;
  }

  /**
   * The aggregates of one kept parent as its folded children, merged by stage name (what the
   * analysis keys on), the one that also counts the parent's kept child spans of its stage
   * first among that stage's.
   */
  private static List<FoldedAggregate> forParent(FinishedStage parent,
      Iterable<StageAggregate> mine, List<FinishedStage> children) {
    Set<String> folds = new HashSet<>();
    for (FoldSummary f : parent.folds()) {
      folds.add(name(f.stageId));
    }
    Map<String, StageAggregate> byName = new LinkedHashMap<>();
    Set<String> stages = new HashSet<>();
    for (StageAggregate a : mine) {
      String stage = name(a.key.stageId());
      if (a.calls == 0 || (a.key.fromSpans() && a.key.withinStageId() < 0
          && folds.contains(stage))) {
        continue; // the parent's fold of the stage counts these calls
      }
      String within = a.key.withinStageId() < 0 ? "" : name(a.key.withinStageId());
      byName.computeIfAbsent(stage + '\u0000' + within + '\u0000' + a.key.threadId(),
          n -> new StageAggregate(a.key)).merge(a);
      stages.add(stage);
    }
    Map<String, StageAggregate> primary = new LinkedHashMap<>();
    for (FinishedStage k : children) {
      String stage = name(k.stageId);
      if (!stages.contains(stage) || folds.contains(stage)) {
        continue;
      }
      primary.computeIfAbsent(stage, n -> primaryOf(n, byName, parent)).addSpanTotals(k);
    }
    List<FoldedAggregate> out = new ArrayList<>(byName.size() + 1);
    for (StageAggregate a : primary.values()) {
      out.add(a.toFolded());
    }
    for (StageAggregate a : byName.values()) {
      if (!primary.containsValue(a)) {
        out.add(a.toFolded());
      }
    }
    return out;
  }

  /** The stage's direct aggregate with the most calls; a new one when it has none. */
  private static StageAggregate primaryOf(String stage, Map<String, StageAggregate> byName,
      FinishedStage parent) {
    StageAggregate best = null;
    for (StageAggregate a : byName.values()) {
      if (a.key.withinStageId() < 0 && name(a.key.stageId()).equals(stage)
          && (best == null || a.calls > best.calls)) {
        best = a;
      }
    }
    if (best != null) {
      return best;
    }
    int stageId = -1;
    for (StageAggregate a : byName.values()) {
      if (name(a.key.stageId()).equals(stage)) {
        stageId = a.key.stageId();
      }
    }
    return new StageAggregate(new StageAggregate.Key(parent.traceHi, parent.traceLo,
        parent.spanId, stageId, -1, -1, false));
  }

  private static void perStage(Map<String, Long> out, String name, long total,
      Map<String, Long> byStage) {
    out.put(name, total);
    for (Map.Entry<String, Long> e : new TreeMap<>(byStage).entrySet()) {
      out.put(name + "." + e.getKey(), e.getValue());
    }
  }

  private static String name(int stageId) {
    return StageRegistry.stage(stageId).name;
  }
}
