/**
 * Service-level objectives and the alerts their breaches raise, at two levels (warning,
 * critical).
 *
 * <h2>Syntax</h2>
 * One string (the agent key {@code slo}), rules separated by {@code ;} (never {@code ,},
 * which separates the agent's own options):
 * <pre>
 * rules   := rule (';' rule)*
 * rule    := [scope ':' name ':'] metric '&lt;' limit ['/' limit]     a threshold
 *          | [scope ':' name ':'] metric ':off'                       turns a default off
 * scope   := 'stage' | 'pipeline'           name: a stage or pipeline name, or '*' for all
 * metric  := 'p50' | 'p95' | 'p99' | 'max' | 'error_rate'             with a scope
 *          | 'cpu' | 'memory' | 'gpu'                                 without (resources)
 * limit   := number unit      unit: ns us ms s m (latency) | % (rates, utilizations);
 *                             a rate may also be a bare fraction: 0.05 = 5 %
 * </pre>
 * {@code metric<W/C} gives a warning at W and a critical alert at C (W ≤ C); {@code metric<C}
 * alone is an objective whose breach is critical. A value breaches a limit when it reaches
 * it. Example:
 * <pre>stage:score:p95&lt;200ms;pipeline:orders:error_rate&lt;1%/5%;cpu&lt;80%/90%;stage:*:error_rate:off</pre>
 *
 * <h2>What is measured</h2>
 * <ul>
 *   <li>pipeline latency: the percentile of its runs' wall times; error rate: runs whose root
 *       span failed, over runs;
 *   <li>stage latency: the percentile of its calls; error rate: failed calls over calls;
 *   <li>{@code cpu} and {@code gpu}: the mean utilization over the samples; {@code memory}:
 *       the peak.
 * </ul>
 *
 * <h2>Defaults</h2>
 * {@code pipeline:*:error_rate<5%/10%;stage:*:error_rate<5%/10%;cpu<85%/95%;memory<90%/95%}.
 * A rule for a named stage or pipeline takes precedence over the {@code *} rule of the same
 * metric; a {@code *} rule replaces the default of the same metric.
 */
package io.perfagent.analysis.slo;
