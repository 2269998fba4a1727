package io.perfagent.analyzer.assemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import io.perfagent.analyzer.translate.IncomingSpan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assembler driven directly, on a clock the test moves. */
class RunAssemblerTest {

  private static final long MS = 1_000_000L;

  private long now = 1_000 * MS;
  private final List<ClosedRun> closed = new ArrayList<>();
  private final Map<String, PriorRuns.Prior> stored = new HashMap<>();
  private final AnalyzerMetrics metrics = new AnalyzerMetrics();

  private RunAssembler assembler(int maxOpen, int maxSpans) {
    return new RunAssembler(new IngestQueue(1000), stored::get, closed::add, metrics,
        Duration.ofMillis(100), Duration.ofSeconds(1), maxOpen, maxSpans, () -> now);
  }

  private static IncomingSpan span(String trace, String id, String parent, String instance) {
    return new IncomingSpan(StageSpan.builder().traceId(trace).spanId(id).parentSpanId(parent)
        .stage(parent.isEmpty() ? "root" : "s" + id).pipeline("p").interval(0, 10).build(),
        "svc", instance);
  }

  private String metricsText() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRunClosesWhenItsRootCameAndItWasQuietForThePeriod() throws Exception {
    RunAssembler a = assembler(10, 100);
    a.accept(List.of(span("t1", "c1", "r", "jvm-a")));
    now += 500 * MS;
    a.closeQuiet(now);
    assertThat(closed).as("no root yet: it waits").isEmpty();
    a.accept(List.of(span("t1", "c2", "r", "jvm-b"), span("t1", "r", "", "jvm-a")));
    now += 99 * MS;
    a.closeQuiet(now);
    assertThat(closed).as("not quiet long enough").isEmpty();
    now += 1 * MS;
    a.closeQuiet(now);
    assertThat(closed).hasSize(1);
    ClosedRun run = closed.get(0);
    assertThat(run.runId()).isEqualTo("t1");
    assertThat(run.version()).isEqualTo(1);
    assertThat(run.spans()).hasSize(3);
    assertThat(run.instances()).as("spans from two JVMs, one run").containsExactly("jvm-a",
        "jvm-b");
    assertThat(a.openTraces()).isZero();
  }

  @Test
  void aLateSpanReopensTheRunAsItsNextVersionDuplicatesAreStoredOnce() throws Exception {
    RunAssembler a = assembler(10, 100);
    a.accept(List.of(span("t1", "r", "", "i"), span("t1", "c1", "r", "i"),
        span("t1", "c1", "r", "i")));
    now += 100 * MS;
    a.closeQuiet(now);
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).spans()).hasSize(2);

    a.accept(List.of(span("t1", "c2", "r", "i"), span("t1", "r", "", "i")));
    now += 100 * MS;
    a.closeQuiet(now);
    assertThat(closed).hasSize(2);
    assertThat(closed.get(1).runId()).isEqualTo("t1");
    assertThat(closed.get(1).version()).isEqualTo(2);
    assertThat(closed.get(1).spans()).extracting(StageSpan::spanId)
        .containsExactlyInAnyOrder("r", "c1", "c2");

    a.accept(List.of(span("t1", "c1", "r", "i")));
    now += 100 * MS;
    a.closeQuiet(now);
    assertThat(closed).as("only a span it had: nothing new to analyse").hasSize(2);
    assertThat(metricsText()).contains("perf_analyzer_spans_dropped_total{cause=\"duplicate\"} 3.0");
  }

  @Test
  void aRunStoredBeforeARestartIsReopenedFromTheHistory() throws Exception {
    stored.put("t9", new PriorRuns.Prior(3, List.of(span("t9", "r", "", "i").span()),
        List.of("svc"), List.of("i"), List.of()));
    RunAssembler a = assembler(10, 100);
    a.accept(List.of(span("t9", "late", "r", "i")));
    now += 100 * MS;
    a.closeQuiet(now);
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).version()).isEqualTo(4);
    assertThat(closed.get(0).spans()).hasSize(2);
  }

  @Test
  void boundsDropAndCountByCauseAndKeepRoots() throws Exception {
    RunAssembler a = assembler(2, 3);
    a.accept(List.of(span("t1", "a", "r", "i"), span("t1", "b", "r", "i"),
        span("t1", "c", "r", "i"), span("t1", "d", "r", "i"), span("t1", "r", "", "i")));
    now += 10 * MS;
    a.accept(List.of(span("t2", "x", "q", "i")));
    now += 10 * MS;
    a.accept(List.of(span("t3", "y", "q", "i"))); // the third open trace: t1, the oldest, goes
    assertThat(closed).as("t1 had its root: analysed as it stands").hasSize(1);
    assertThat(closed.get(0).closedEarly()).isTrue();
    assertThat(closed.get(0).spans()).as("3 spans, and the root past the bound").hasSize(4);
    now += 10 * MS;
    a.accept(List.of(span("t4", "z", "q", "i"))); // t2, rootless, is dropped
    assertThat(closed).hasSize(1);
    now += 2_000 * MS;
    a.closeQuiet(now); // t3 and t4 never got a root: dropped after the rootless timeout
    assertThat(a.openTraces()).isZero();
    String m = metricsText();
    assertThat(m).contains("perf_analyzer_spans_dropped_total{cause=\"spans_per_trace\"} 1.0");
    assertThat(m).contains("perf_analyzer_spans_dropped_total{cause=\"open_traces\"} 1.0");
    assertThat(m).contains("perf_analyzer_spans_dropped_total{cause=\"no_root\"} 2.0");
    assertThat(m).contains("perf_analyzer_runs_closed_early_total 1.0");
  }

  @Test
  void theIngestQueueTakesAWholeBatchOrNothing() throws Exception {
    IngestQueue q = new IngestQueue(3);
    assertThat(q.offer(List.of(span("t", "a", "", ""), span("t", "b", "", "")))).isTrue();
    assertThat(q.offer(List.of(span("t", "c", "", ""), span("t", "d", "", "")))).isFalse();
    assertThat(q.depth()).isEqualTo(2);
    assertThat(q.poll(1, java.util.concurrent.TimeUnit.MILLISECONDS)).hasSize(2);
    assertThat(q.depth()).isZero();
  }
}
