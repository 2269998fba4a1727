/**
 * The critical path of a run, computed the way Jaeger's trace view does it (jaeger-ui
 * {@code TracePage/CriticalPath}), so that what the report blames agrees with what users see
 * in Jaeger.
 *
 * <p>{@link io.perfagent.analysis.path.SpanTree} first sanitizes the run: a child that starts
 * before its parent is clamped to the parent's start; a child wholly outside its parent is
 * dropped with its subtree. {@link io.perfagent.analysis.path.CriticalPath} then walks back
 * from the root's end, descending into the last-finishing child and, on returning from a
 * child, considering only siblings that ended strictly before that child started; the time
 * between belongs to the parent.
 *
 * <p>One deliberate difference from Jaeger: a child still running when its parent ends
 * (fire-and-forget work) did not hold the parent back, so it is left off the critical path
 * with its subtree instead of being clamped to the parent's end (Jaeger would blame it for the
 * parent's whole tail). The result lists such spans ({@link
 * io.perfagent.analysis.path.LeftOutSpan.Reason#OUTLIVED_PARENT}).
 *
 * <p>A second difference: a leaf child that waited, off CPU, for a sibling on another thread
 * and ended just after it (a join on tasks its parent handed to a pool) is not where the time
 * went: the path takes its short tail and goes on through the sibling it waited for ({@link
 * io.perfagent.analysis.path.Waits}). Folded calls that ran on other threads take part as
 * siblings of their own ({@link io.perfagent.analysis.path.SpanTree}).
 *
 * <p>Inherited from Jaeger on purpose: a sibling that ends exactly when the next one starts
 * is not "strictly before" it, so that interval is blamed on the parent. Real clocks read twice
 * almost never give equal values; hand-built traces can.
 */
package io.perfagent.analysis.path;
