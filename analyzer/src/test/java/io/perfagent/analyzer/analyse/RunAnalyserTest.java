package io.perfagent.analyzer.analyse;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analyzer.assemble.ClosedRun;
import io.perfagent.analyzer.store.JdbcHistoryStore;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose analysis does not fit in the heap is lost, counted with its spans, said once,
 * and the service goes on with the next run into a real SQLite history.
 */
class RunAnalyserTest {

  private static final long MS = 1_000_000L;

  @TempDir
  Path dir;

  private static ClosedRun run(String trace, int children) {
    List<StageSpan> spans = new ArrayList<>();
    spans.add(StageSpan.builder().traceId(trace).spanId("r").stage("root").pipeline("p")
        .thread("main", 1).interval(0, 100 * MS).build());
    for (int i = 0; i < children; i++) {
      spans.add(StageSpan.builder().traceId(trace).spanId("c" + i).parentSpanId("r")
          .stage("step").pipeline("p").thread("main", 1).interval(i * MS, (i + 1) * MS)
          .build());
    }
    return new ClosedRun(trace, 1, spans, List.of("svc"), List.of("i-1"), false);
  }

  @Test
  void aRunThatDoesNotFitInTheHeapIsCountedAndTheNextIsStored() throws Exception {
    AnalyzerMetrics metrics = new AnalyzerMetrics();
    try (JdbcHistoryStore store = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("h.db"))) {
      RunAnalyser analyser = new RunAnalyser(store, metrics, null, (run, now, resources) -> {
        if (run.runId().equals("huge")) {
          throw new OutOfMemoryError("Java heap space"); // as a million-span run can
        }
        return RunAnalysis.analyse(run, now, resources);
      });
      analyser.start();
      analyser.submit(run("huge", 41));
      analyser.submit(run("small", 3));
      analyser.stop(Duration.ofSeconds(30));

      assertThat(store.run("huge")).isNull();
      assertThat(store.run("small")).isNotNull();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      metrics.write(out);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("perf_analyzer_spans_dropped_total{cause=\"analysis_failed\"} 42.0")
          .contains("perf_analyzer_analysis_errors_total 1.0")
          .contains("perf_analyzer_runs_analysed_total 1.0");
    }
  }
}
