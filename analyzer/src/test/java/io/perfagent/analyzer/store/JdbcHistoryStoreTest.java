package io.perfagent.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.LatencyBuckets;
import io.perfagent.analysis.model.ResourceNames;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analyzer.analyse.AnalysedRun;
import io.perfagent.analyzer.analyse.RunAnalysis;
import io.perfagent.analyzer.assemble.ClosedRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite history on a real file: what is saved reads back, versions, retention. */
class JdbcHistoryStoreTest {

  private static final long S = 1_000_000_000L;

  @TempDir
  Path dir;

  /** A run of pipeline {@code p}: a root and a CPU-bound child with a fold. */
  static List<StageSpan> spans(String trace, long start) {
    List<StageSpan> out = new ArrayList<>();
    out.add(StageSpan.builder().traceId(trace).spanId("r" + trace).stage("root").pipeline("p")
        .thread("main", 1).interval(start, start + 2 * S).cpuNanos(S / 10, true).build());
    out.add(StageSpan.builder().traceId(trace).spanId("c" + trace).parentSpanId("r" + trace)
        .stage("work").pipeline("p").thread("main", 1).interval(start + S / 10, start + 19 * S / 10)
        .cpuNanos(17 * S / 10, true).allocBytes(1024).records(10)
        .addFolded(new FoldedAggregate("inner.step", 1000, 0, S / 2, -1, 100, 1000, 0, 400_000,
            900_000, 1_000_000, "", 16, LatencyBuckets.of(new long[] {400_000, 900_000},
                new long[] {900, 100}), -1, 0, 0))
        .build());
    return out;
  }

  static AnalysedRun analysed(String trace, int version, long start) {
    return RunAnalysis.analyse(new ClosedRun(trace, version, spans(trace, start), List.of("svc"),
        List.of("i-1", "i-2"), false), 1234, null);
  }

  /** As {@link #analysed}, with a resource timeline carried by instance i-1's spans. */
  static AnalysedRun withTimeline(String trace, long start) {
    List<ResourceSample> timeline = List.of(
        new ResourceSample(start + S, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.25),
        new ResourceSample(start + 2 * S, ResourceNames.SYSTEM_CPU_UTILIZATION, 0.75),
        new ResourceSample(start + S + S / 2, ResourceNames.GC_DURATION, 0.01));
    return RunAnalysis.analyse(new ClosedRun(trace, 1, spans(trace, start), List.of("svc"),
        List.of("i-1"), false, timeline, Set.of("i-1")), 1234, null);
  }

  @Test
  void theResourceSamplesARunWasAnalysedWithAreStoredAndAnalysedAgain() throws Exception {
    try (JdbcHistoryStore s = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("h.db"))) {
      AnalysedRun run = withTimeline("t1", 10 * S);
      assertThat(run.samples()).hasSize(3);
      assertThat(run.reportJson()).contains("\"system.cpu.utilization\"");
      s.save(run);
      s.save(analysed("t2", 1, 20 * S)); // a run without any: an empty list back
      assertThat(s.find("t1").samples()).isEqualTo(run.samples());
      assertThat(s.recentRuns("p", 10)).extracting(r -> r.samples().size())
          .containsExactly(0, 3);
    }
  }

  @Test
  void aSavedRunReadsBackWhole() throws Exception {
    try (JdbcHistoryStore s = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("h.db"))) {
      AnalysedRun run = analysed("t1", 1, 10 * S);
      s.save(run);
      StoredRun back = s.run("t1");
      assertThat(back.summary().version()).isEqualTo(1);
      assertThat(back.summary().pipeline()).isEqualTo("p");
      assertThat(back.summary().wallNanos()).isEqualTo(2 * S);
      assertThat(back.summary().instances()).containsExactly("i-1", "i-2");
      assertThat(back.summary().topStage()).isEqualTo(run.bottlenecks().get(0).stage());
      assertThat(back.criticalPath()).isEqualTo(run.criticalPath());
      assertThat(back.reportJson()).isEqualTo(run.reportJson());
      assertThat(s.find("t1").spans()).as("the span blob round trip").isEqualTo(run.spans());
      assertThat(s.stageRows("p", 10)).extracting(StageRow::stage)
          .containsExactlyElementsOf(run.stages().stream().map(x -> x.name()).toList());
      assertThat(s.pipelines()).singleElement().satisfies(p -> {
        assertThat(p.name()).isEqualTo("p");
        assertThat(p.runs()).isEqualTo(1);
      });
      assertThat(s.run("nope")).isNull();
    }
  }

  @Test
  void aNewerVersionReplacesAnOlderOneNeverTheReverse() throws Exception {
    try (JdbcHistoryStore s = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("h.db"))) {
      s.save(analysed("t1", 2, 10 * S));
      s.save(analysed("t1", 1, 10 * S));
      assertThat(s.run("t1").summary().version()).isEqualTo(2);
      s.save(analysed("t1", 3, 10 * S));
      assertThat(s.run("t1").summary().version()).isEqualTo(3);
      assertThat(s.countRuns("p", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(1);
    }
  }

  @Test
  void retentionDeletesRunsThatStartedBeforeTheCutoffAndQueriesPage() throws Exception {
    try (JdbcHistoryStore s = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("h.db"))) {
      for (int i = 1; i <= 5; i++) {
        s.save(analysed("t" + i, 1, i * 10 * S));
      }
      assertThat(s.runs("p", Long.MIN_VALUE, Long.MAX_VALUE, 2, 1))
          .extracting(RunSummary::id).containsExactly("t4", "t3");
      assertThat(s.runs("p", 20 * S, 40 * S, 10, 0)).extracting(RunSummary::id)
          .containsExactly("t3", "t2");
      assertThat(s.deleteStartedBefore(30 * S)).isEqualTo(2);
      assertThat(s.countRuns("p", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(3);
      assertThat(s.stageRows(null, 100)).extracting(StageRow::runId)
          .doesNotContain("t1", "t2");
      assertThat(s.recentRuns("p", 2)).hasSize(2);
    }
    try (JdbcHistoryStore again = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("h.db"))) {
      assertThat(again.schema()).isEqualTo("schema v3");
      assertThat(again.countRuns("p", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(3);
    }
  }
}
