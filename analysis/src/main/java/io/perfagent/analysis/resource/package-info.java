/**
 * Resource series set against time intervals: what the host and the accelerators did while a
 * stage ran.
 *
 * <p>{@link io.perfagent.analysis.resource.SampledSeries#meanOver} is the one definition of
 * "the mean of a series over a set of intervals", used for the per-stage figures
 * ({@link io.perfagent.analysis.resource.StageResourcesCalculator}, over a stage's spans) and
 * by the bottleneck classifier (over a stage's critical-path segments). A gauge point at time
 * {@code t} stands for {@code (t - Δ, t]}, Δ being the series' median spacing, and is weighted
 * by the overlap of that interval with the intervals asked about.
 */
package io.perfagent.analysis.resource;
