package io.perfagent.analyzer.regress;

import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analyzer.analyse.AnalysedRun;
import io.perfagent.analyzer.analyse.RunAnalysis;
import io.perfagent.analyzer.assemble.ClosedRun;
import java.util.List;

/** Runs of pipeline {@code p} for tests: a root and a child stage {@code work} of a given wall. */
public final class HistoryRuns {

  public static final long S = 1_000_000_000L;

  private HistoryRuns() {}

  /** Run {@code n} (1, 2, ...) of pipeline p, its {@code work} taking {@code workNanos}. */
  public static AnalysedRun run(int n, long workNanos) {
    String trace = String.format("%032x", n);
    long start = n * 10 * S;
    List<StageSpan> spans = List.of(
        StageSpan.builder().traceId(trace).spanId("r" + n).stage("root").pipeline("p")
            .thread("main", 1).interval(start, start + workNanos + S / 100).build(),
        StageSpan.builder().traceId(trace).spanId("w" + n).parentSpanId("r" + n).stage("work")
            .pipeline("p").thread("main", 1).interval(start + S / 200, start + S / 200 + workNanos)
            .records(1000).build());
    return RunAnalysis.analyse(new ClosedRun(trace, 1, spans, List.of("svc"), List.of("i-1"),
        false), 1234, null);
  }
}
