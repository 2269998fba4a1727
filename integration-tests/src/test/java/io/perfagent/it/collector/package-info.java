/**
 * The real OpenTelemetry Collector and Jaeger v2 for tests: built from their Go modules by the
 * scripts in {@code collector-config/} (once per machine, cached by their pinned versions),
 * started as processes on ports of their own, with the configs users copy.
 */
package io.perfagent.it.collector;
