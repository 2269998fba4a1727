/**
 * Regressions and improvements found in a pipeline's run history: each series (the pipeline's
 * run wall time; per stage p50, p95, CPU and allocation per call, throughput, critical-path
 * share) over its last runs is segmented by E-divisive means (Matteson &amp; James 2014), each
 * candidate change kept only when a Welch t-test between its neighbouring segments is
 * significant and the means differ by enough, as Apache Otava (Hunter) does. A change needs
 * a minimum number of runs on each side, so one noisy run can never form a segment.
 *
 * <p>{@link io.perfagent.analyzer.regress.RegressionMonitor} runs the detection off the
 * analysis thread, one pipeline at a time, and stores each finding once: see its javadoc for
 * how a re-detection of the same change is matched to the stored one. Everything is non-null
 * unless marked otherwise.
 */
package io.perfagent.analyzer.regress;
