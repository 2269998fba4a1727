package io.perfagent.analysis;

import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.model.Trace;
import io.perfagent.analysis.path.AnalyzedRun;
import java.util.ArrayList;
import java.util.List;

/** Hand-built traces for tests: times in milliseconds from 0, converted to nanoseconds. */
public final class TestSpans {

  public static final long MS = 1_000_000L;

  private final String traceId;
  private final String pipeline;
  private final long base;
  private final List<StageSpan> spans = new ArrayList<>();

  private TestSpans(String traceId, String pipeline, long baseMs) {
    this.traceId = traceId;
    this.pipeline = pipeline;
    this.base = baseMs * MS;
  }

  public static TestSpans trace(String traceId) {
    return new TestSpans(traceId, "p", 0);
  }

  public static TestSpans trace(String traceId, String pipeline, long baseMs) {
    return new TestSpans(traceId, pipeline, baseMs);
  }

  /** A span on thread 1 with CPU equal to its wall time and no allocation. */
  public TestSpans span(String id, String parent, String stage, long startMs, long endMs) {
    return add(builder(id, parent, stage, startMs, endMs).build());
  }

  public StageSpan.Builder builder(String id, String parent, String stage, long startMs,
      long endMs) {
    return StageSpan.builder().traceId(traceId).spanId(id).parentSpanId(parent).stage(stage)
        .pipeline(parent.isEmpty() ? pipeline : "").thread("main", 1)
        .interval(base + startMs * MS, base + endMs * MS);
  }

  public TestSpans add(StageSpan s) {
    spans.add(s);
    return this;
  }

  public static FoldedAggregate fold(String stage, long calls, long wallMs, long p50Ms,
      long p99Ms, long maxMs) {
    return new FoldedAggregate(stage, calls, 0, wallMs * MS, wallMs * MS, -1, calls, 0,
        p50Ms * MS, p99Ms * MS, maxMs * MS);
  }

  public List<StageSpan> spans() {
    return List.copyOf(spans);
  }

  public Trace build() {
    return Trace.assemble(spans).get(0);
  }

  public AnalyzedRun run() {
    return AnalyzedRun.of(build());
  }
}
