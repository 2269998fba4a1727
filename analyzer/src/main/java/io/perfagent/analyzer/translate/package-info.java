/**
 * OTLP spans into the analysis model: the {@code perf.*} attributes the agent exports become
 * the {@link io.perfagent.analysis.model.StageSpan}s the agent's exit report analyses.
 */
package io.perfagent.analyzer.translate;
