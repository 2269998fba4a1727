/**
 * What the agent says at JVM exit: the embedded analysis ({@link
 * io.perfagent.agent.report.EmbeddedReport}, a {@link io.perfagent.agent.collect.StageSink}
 * that writes {@code perf-report/}), the bound on the spans it keeps that keeps whole runs
 * ({@code RunBound}, summarising the rest into {@code StageAggregate}s with {@code
 * LatencyTally} buckets), the rehearsal that warms it up while the application runs ({@link
 * io.perfagent.agent.report.ReportRehearsal}), and the plain stage summary on stderr when there
 * is no analysis ({@link io.perfagent.agent.report.ExitSummary}). Not an API.
 */
package io.perfagent.agent.report;
