package io.perfagent.agent.report;

import static io.perfagent.agent.collect.FinishedStages.fold;
import static io.perfagent.agent.collect.FinishedStages.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.perfagent.agent.collect.FinishedStage;
import io.perfagent.analysis.AnalysisOptions;
import io.perfagent.analysis.Analyzer;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.report.PipelineReport;
import io.perfagent.analysis.report.Report;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bound on the report's spans, through the real analysis: roots stay, every call is
 * counted once, summarised calls hang under the right parent (or within the right stage).
 */
class RunBoundTest {

  private static final long MS = 1_000_000L;
  private static final int ROOT = stage("rb-root", "rb-pipeline");
  private static final int TASK = stage("rb-task", "");
  private static final int STEP = stage("rb-step", "");
  private static final int ITEM = stage("rb-item", "");

  private long ids = 1000;

  private static int stage(String name, String pipeline) {
    return StageRegistry.register(name, pipeline, StageInfo.MODE_SPAN, "RunBoundTest." + name);
  }

  /** The case: many pool tasks under one root that ends last. */
  @Test
  void aRootEndingAfterManyChildrenIsKeptAndEveryChildCounted() {
    RunBound bound = new RunBound(100);
    for (int run = 0; run < 3; run++) {
      long root = ++ids;
      long t0 = run * 10_000 * MS;
      for (int i = 0; i < 1000; i++) {
        long start = t0 + MS + i * 4 * MS / 4;
        bound.accept(span(TASK, ++ids, root, run + 1, start, start + MS / 2, 2 + i % 4, false));
      }
      bound.accept(span(ROOT, root, 0, run + 1, t0, t0 + 1200 * MS, 1, false));
    }
    RunBound.Kept k = bound.finish();

    assertThat(k.counters()).containsEntry("report_spans", 3003L)
        .containsEntry("report_kept_spans", 103L)
        .containsEntry("report_summarised_spans", 2900L)
        .containsEntry("report_summarised_spans.rb-task", 2900L)
        .containsEntry("report_dropped_spans", 0L)
        .containsEntry("report_dropped_exemplars", 0L)
        .containsEntry("report_summary_fallbacks", 0L);
    // one aggregate per pool thread under each root: a branch beside the root's thread
    for (List<FoldedAggregate> folds : k.aggregates().values()) {
      assertThat(folds).hasSize(4).allSatisfy(f -> {
        assertThat(f.stage()).isEqualTo("rb-task");
        assertThat(f.direct()).isTrue();
        assertThat(f.threadId()).isBetween(2L, 5L);
        assertThat(f.endNanos()).isGreaterThan(f.startNanos());
      });
    }
    PipelineReport p = onlyPipeline(k);
    assertThat(p.name()).isEqualTo("rb-pipeline");
    assertThat(p.runs()).isEqualTo(3);
    assertThat(stats(p, "rb-task").calls()).isEqualTo(3000);
    assertThat(stats(p, "rb-task").wallNanos()).isEqualTo(3000 * MS / 2);
    assertThat(stats(p, "rb-task").p50Nanos()).isBetween(MS / 2 * 97 / 100, MS / 2 * 103 / 100);
    assertThat(stats(p, "rb-task").criticalPathNanos()).isPositive();
  }

  /** A summarised call's summarised children (ended first) move up, within its stage. */
  @Test
  void childrenOfASummarisedSpanRunWithinItsStageUnderTheKeptAncestor() {
    RunBound bound = new RunBound(1, 10, 100, 100);
    long root = ++ids;
    long kept = ++ids;
    bound.accept(span(STEP, kept, root, 7, 1 * MS, 2 * MS, 1, false)); // fills the bound
    long step = ++ids;
    for (int i = 0; i < 3; i++) {
      bound.accept(span(ITEM, ++ids, step, 7, (10 + i) * MS, (11 + i) * MS, 1, false));
    }
    FinishedStage s = span(STEP, step, root, 7, 10 * MS, 20 * MS, 1, false);
    fold(s, TASK, 100, 10_000, 1); // folded calls of its own go up with it too
    bound.accept(s);
    bound.accept(span(ROOT, root, 0, 7, 0, 30 * MS, 1, false));
    RunBound.Kept k = bound.finish();

    assertThat(k.spans()).extracting(x -> x.spanId).containsExactly(kept, root);
    List<FoldedAggregate> folds = k.aggregates().get(root);
    assertThat(folds).extracting(FoldedAggregate::stage, FoldedAggregate::within,
        FoldedAggregate::calls).containsExactlyInAnyOrder(
            tuple("rb-step", "", 2L), // the kept one's too
            tuple("rb-item", "rb-step", 3L),
            tuple("rb-task", "rb-step", 100L));
    PipelineReport p = onlyPipeline(k);
    assertThat(p.runs()).isEqualTo(1);
    assertThat(stats(p, "rb-step").calls()).isEqualTo(2);
    assertThat(stats(p, "rb-item").calls()).isEqualTo(3);
    assertThat(stats(p, "rb-task").calls()).isEqualTo(100);
    // the step's own time excludes the items within it
    assertThat(stats(p, "rb-step").selfNanos())
        .isEqualTo(MS + 10 * MS - 3 * MS - 100 * 10_000);
  }

  /** A kept span whose parent was summarised follows it; a kept exemplar is dropped. */
  @Test
  void keptSpansFollowTheirSummarisedParent() {
    RunBound bound = new RunBound(3, 10, 100, 100);
    long root = ++ids;
    long step = ++ids;
    bound.accept(span(ITEM, ++ids, step, 9, 2 * MS, 3 * MS, 1, false));
    bound.accept(span(ITEM, ++ids, step, 9, 3 * MS, 4 * MS, 1, true)); // an exemplar
    bound.accept(span(TASK, ++ids, root, 9, 20 * MS, 21 * MS, 1, false));
    FinishedStage s = span(STEP, step, root, 9, MS, 10 * MS, 1, false);
    // the exemplar's call is one of these, and so is the kept span's (as an AUTO stage's
    // first calls are): with a fold of its stage, the analysis counts a parent's from it
    fold(s, ITEM, 50, 1000, 1);
    bound.accept(s);
    bound.accept(span(ROOT, root, 0, 9, 0, 30 * MS, 1, false));
    RunBound.Kept k = bound.finish();

    assertThat(k.spans()).extracting(x -> x.stageId).containsExactly(TASK, ROOT);
    assertThat(k.counters()).containsEntry("report_summarised_spans", 2L)
        .containsEntry("report_dropped_exemplars", 1L)
        .containsEntry("report_dropped_exemplars.rb-item", 1L)
        .containsEntry("report_kept_spans", 2L);
    PipelineReport p = onlyPipeline(k);
    assertThat(stats(p, "rb-item").calls()).isEqualTo(50);
    assertThat(stats(p, "rb-step").calls()).isEqualTo(1);
  }

  /** A child drained after its parent was summarised still finds where it belongs. */
  @Test
  void aLateChildClimbsPastItsSummarisedParent() {
    RunBound bound = new RunBound(1, 10, 100, 100);
    long root = ++ids;
    long step = ++ids;
    bound.accept(span(TASK, ++ids, root, 11, MS, 2 * MS, 1, false));
    bound.accept(span(STEP, step, root, 11, 3 * MS, 10 * MS, 1, false));
    bound.accept(span(ITEM, ++ids, step, 11, 4 * MS, 5 * MS, 3, false)); // another thread
    bound.accept(span(ROOT, root, 0, 11, 0, 30 * MS, 1, false));
    RunBound.Kept k = bound.finish();

    assertThat(k.aggregates().get(root)).extracting(FoldedAggregate::stage,
        FoldedAggregate::within, FoldedAggregate::threadId).containsExactlyInAnyOrder(
            tuple("rb-step", "", 1L),
            tuple("rb-item", "", 3L));
    assertThat(stats(onlyPipeline(k), "rb-item").calls()).isEqualTo(1);
  }

  /** Past the aggregates' cap, calls go under the run's root; past the roots', runs go. */
  @Test
  void capsFallBackToTheRootAndThenDropWholeRunsCounted() {
    RunBound bound = new RunBound(1, 1, 1, 100);
    long root = ++ids;
    bound.accept(span(TASK, ++ids, root, 13, MS, 2 * MS, 1, false)); // fills the bound
    long open = ++ids; // a parent that never ends
    bound.accept(span(ITEM, ++ids, open, 13, 3 * MS, 4 * MS, 1, false));
    bound.accept(span(ITEM, ++ids, root, 13, 5 * MS, 6 * MS, 2, false)); // past the cap
    bound.accept(span(ROOT, root, 0, 13, 0, 30 * MS, 1, false));
    long other = ++ids;
    bound.accept(span(ITEM, ++ids, other, 14, 3 * MS, 4 * MS, 1, false));
    bound.accept(span(ROOT, other, 0, 14, 0, 30 * MS, 1, false)); // past the roots' bound
    RunBound.Kept k = bound.finish();

    assertThat(k.spans()).extracting(x -> x.spanId).contains(root).doesNotContain(other);
    assertThat(k.counters()).containsEntry("report_dropped_runs", 1L)
        .containsEntry("report_dropped_spans", 2L) // the root and its one summarised call
        .containsEntry("report_dropped_spans.rb-root", 1L)
        .containsEntry("report_dropped_spans.rb-item", 1L)
        .containsEntry("report_summary_fallbacks", 3L); // the cap twice, the open parent
    assertThat(stats(onlyPipeline(k), "rb-item").calls()).isEqualTo(2);
  }

  @Test
  void tallyBucketsKeepValuesWithinThreePercent() {
    for (long v : new long[] {1, 15, 16, 31, 32, 100, 1_000, 123_456, 9_999_999_999L}) {
      long m = LatencyTally.middle(LatencyTally.bucket(v));
      assertThat((double) Math.abs(m - v)).isLessThanOrEqualTo(v * 0.035);
    }
    LatencyTally t = new LatencyTally();
    t.add(1000, 98);
    t.add(50_000, 2);
    assertThat(t.totalCount()).isEqualTo(100);
    assertThat(t.values()).hasSize(2);
    assertThat(t.percentile(50)).isBetween(970L, 1030L);
    assertThat(t.percentile(99)).isBetween(48_500L, 51_500L);
  }

  private static PipelineReport onlyPipeline(RunBound.Kept k) {
    List<StageSpan> spans = new ArrayList<>();
    for (FinishedStage s : k.spans()) {
      spans.add(EmbeddedReport.translate(s, -1,
          k.aggregates().getOrDefault(s.spanId, List.of())));
    }
    Report r = Analyzer.analyze(spans, AnalysisOptions.builder().build());
    assertThat(r.pipelines()).hasSize(1);
    return r.pipelines().get(0);
  }

  private static StageStats stats(PipelineReport p, String stage) {
    return p.stages().stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow();
  }
}
