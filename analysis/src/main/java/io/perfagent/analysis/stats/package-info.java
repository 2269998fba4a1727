/**
 * Per-stage statistics of a pipeline over one or many runs: calls, errors, total and self
 * wall time, CPU, allocation, records, bytes, throughput, percentiles and time on the
 * critical path.
 *
 * <p>Definitions, because each one is a choice:
 * <ul>
 *   <li><b>Self wall</b> of a call: its wall time minus the union of its direct children's
 *       intervals (children clamped to the call; children that outlived it are not counted,
 *       as on the critical path), minus the wall time of folded per-record children not
 *       already covered by child spans (see {@link io.perfagent.analysis.stats.SelfTime}).
 *   <li><b>Self CPU / allocation</b>: the call's thread figures minus those of its children
 *       on the same thread, since the thread counters of a call include nested calls.
 *   <li><b>Folded stages</b> count through their aggregates: the aggregate's totals already
 *       cover the calls of that stage that also became spans under the same parent, so those
 *       spans add only their durations to the percentiles. A folded aggregate adds its p50,
 *       p99 and max as weighted points (50 %, 49 %, 1 % of its calls), so a stage's p95 over
 *       folded calls is their p99, an upper bound.
 *   <li><b>Critical-path time</b> of a stage: the segments of its spans on each run's
 *       critical path; a span's own segments are shared with its folded children in
 *       proportion to their share of the span's self time, because folded calls leave no
 *       spans for the path to descend into.
 *   <li><b>Share</b>: critical-path time over the runs' summed wall time.
 * </ul>
 */
package io.perfagent.analysis.stats;
