/**
 * perf-analysis: which stage holds a pipeline back, why, and what fixing it would buy.
 *
 * <p>The single entry point is {@link io.perfagent.analysis.Analyzer#analyze}: stage spans
 * (and optional resource samples, SLOs, prices in {@link io.perfagent.analysis.AnalysisOptions})
 * in, a {@link io.perfagent.analysis.report.Report} out, rendered by
 * {@link io.perfagent.analysis.report.ReportJson} and
 * {@link io.perfagent.analysis.report.TextReport}. The steps live in sub-packages by job:
 * {@code model} (input values), {@code path} (critical path), {@code stats}, {@code bottleneck},
 * {@code whatif}, {@code slo}, {@code recommend}, {@code cost}, {@code report}, {@code text}.
 *
 * <p>A pure library: no OpenTelemetry classes, no dependencies, no I/O, no threads. The agent
 * (embedded analysis) and the collector-side analyzer translate their spans into the model.
 * Everything is non-null unless documented otherwise.
 */
package io.perfagent.analysis;
