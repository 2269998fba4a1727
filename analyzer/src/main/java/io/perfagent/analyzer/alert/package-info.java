/**
 * SLO alerts over what the analyzer receives: the agent's {@code slo} rules
 * ({@link io.perfagent.analysis.slo.SloConfig}, same syntax, same evaluation) checked on each
 * stored run (stage rules over its stage statistics, pipeline rules over the pipeline's last
 * {@link io.perfagent.analyzer.alert.AlertMonitor#PIPELINE_WINDOW} runs, resource rules over
 * its resource samples) and every {@link io.perfagent.analyzer.alert.AlertMonitor#SERIES_PERIOD}
 * over the resource series received in the last minute. One alert per condition (pipeline,
 * subject, metric) while it holds; see {@link io.perfagent.analyzer.alert.AlertLifecycle} for
 * what each evaluation does to it. Everything is non-null unless marked otherwise.
 */
package io.perfagent.analyzer.alert;
