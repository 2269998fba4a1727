/**
 * Small programs for the whole-process measurements: a hello-world with one stage and a wrapper
 * that reports when {@code main} was reached before handing over to another program's
 * {@code main} (the demo pipeline), for {@code benchmarks/run.sh}; the pipeline shapes of
 * {@code benchmarks/shapes.sh} ({@link io.perfagent.benchmarks.process.ShapesMain}); and the
 * short-parents load ({@link io.perfagent.benchmarks.process.ShortParentsMain}).
 */
package io.perfagent.benchmarks.process;
