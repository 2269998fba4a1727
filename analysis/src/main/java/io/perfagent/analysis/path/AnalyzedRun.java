package io.perfagent.analysis.path;

import io.perfagent.analysis.model.Trace;

/** A run with its sanitized tree and critical path, computed once and shared by every step. */
public record AnalyzedRun(Trace trace, SpanTree tree, CriticalPathResult criticalPath) {

  public static AnalyzedRun of(Trace trace) {
    SpanTree tree = SpanTree.of(trace);
    return new AnalyzedRun(trace, tree, CriticalPath.of(tree));
  }

  public long wallNanos() {
    return trace.wallNanos();
  }
}
