/**
 * The collector-side analyzer: a service that takes OTLP traces and metrics from perf agents,
 * assembles the spans of each pipeline run across JVMs and batches, analyses each run with
 * the same {@code perf-analysis} library as the agent's exit report, keeps the history in
 * SQLite or PostgreSQL and serves it over a REST API.
 *
 * <p>The flow is one package per step, with bounded hand-offs between them: {@code receive}
 * (OTLP/HTTP) → {@code translate} (OTLP spans into the analysis model) → {@code assemble}
 * (runs out of spans) → {@code analyse} → {@code store} → {@code api}. {@code config} reads the
 * command line, {@code telemetry} is the service's own {@code /metrics}. Everything is non-null
 * unless marked otherwise.
 */
package io.perfagent.analyzer;
