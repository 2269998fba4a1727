/**
 * The agent's own keys and their three sources ({@code -javaagent} options, {@code -Dperf.*},
 * {@code PERF_*}). OpenTelemetry's settings stay with its autoconfigure module. Not an API.
 */
package io.perfagent.agent.config;
