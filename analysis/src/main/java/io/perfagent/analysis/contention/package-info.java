/**
 * Lock and wait time per stage: sums the per-call {@link io.perfagent.analysis.model.Contention}
 * of a pipeline's runs into one {@link io.perfagent.analysis.contention.StageContention} per
 * stage, with what was waited on most and which stage held it. The evidence behind the
 * {@code lock} bottleneck kind, and the {@code contention} object of a stage in report.json.
 *
 * <p>Everything is non-null unless marked otherwise.
 */
package io.perfagent.analysis.contention;
