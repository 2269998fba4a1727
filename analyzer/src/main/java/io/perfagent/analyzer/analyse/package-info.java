/**
 * Closed runs analysed with {@link io.perfagent.analysis.Analyzer}, the library the agent's
 * exit report runs, and handed to the store and to listeners (the seam for alerts and
 * regressions).
 */
package io.perfagent.analyzer.analyse;
