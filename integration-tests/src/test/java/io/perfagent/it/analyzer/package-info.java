/**
 * The collector-side analyzer as the tests see it: its jar started as a child process on free
 * ports ({@link io.perfagent.it.analyzer.AnalyzerProcess}), spoken to over real HTTP.
 */
package io.perfagent.it.analyzer;
