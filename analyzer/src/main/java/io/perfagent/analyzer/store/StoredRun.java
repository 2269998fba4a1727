package io.perfagent.analyzer.store;

import io.perfagent.analysis.path.CriticalPathSegment;
import java.util.List;

/** One stored run in full: its summary, critical path and {@code perf-report/1} document. */
public record StoredRun(RunSummary summary, List<CriticalPathSegment> criticalPath,
    String reportJson) {}
