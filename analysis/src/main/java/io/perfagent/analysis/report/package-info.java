/**
 * The report: {@link io.perfagent.analysis.report.Report} (a value), its JSON form
 * ({@link io.perfagent.analysis.report.ReportJson}, schema {@code perf-report/1}, written by
 * a small hand-written {@link io.perfagent.analysis.report.JsonWriter}) and a compact text
 * form for stderr ({@link io.perfagent.analysis.report.TextReport}). Times in the JSON are
 * nanoseconds, shares and ratios fractions (0..1); a figure nobody measured is -1, a money
 * figure without a price is null.
 */
package io.perfagent.analysis.report;
