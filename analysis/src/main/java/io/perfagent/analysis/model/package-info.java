/**
 * The analysis model: immutable values the agent and the collector-side analyzer translate
 * their data into. A {@link io.perfagent.analysis.model.StageSpan} is one measured stage call,
 * a {@link io.perfagent.analysis.model.Trace} is one run of a pipeline (the spans under one
 * root), a {@link io.perfagent.analysis.model.ResourceSample} is one point of a resource time
 * series. Times are epoch nanoseconds ({@code long}); nothing here knows OpenTelemetry.
 *
 * <p>Everything is non-null unless marked otherwise; strings default to {@code ""}.
 */
package io.perfagent.analysis.model;
