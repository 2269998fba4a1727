/**
 * The collector-side analyzer measured: ingest throughput over OTLP/gRPC from a load generator
 * ({@link io.perfagent.benchmarks.analyzer.IngestLoad}) against the real
 * {@code analyzer/target/perf-analyzer.jar} in its own process, with the analysis running; and
 * the analysis time and peak heap of one large trace
 * ({@link io.perfagent.benchmarks.analyzer.TraceAnalysis}). Figures in
 * {@code benchmarks/RESULTS.md}.
 */
package io.perfagent.benchmarks.analyzer;
