/**
 * The analyzer's own health as Prometheus metrics: spans received, rejected and dropped by
 * cause, runs analysed, analysis time, open traces, queue depth, database errors.
 */
package io.perfagent.analyzer.telemetry;
