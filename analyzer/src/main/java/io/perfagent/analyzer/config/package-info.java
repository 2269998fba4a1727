/**
 * The analyzer's settings: command-line flags and their {@code PERF_ANALYZER_*} environment
 * variables, parsed and checked once at start. A bad value is one clear line and exit code 2.
 */
package io.perfagent.analyzer.config;
