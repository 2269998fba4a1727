/**
 * OTLP receivers, to opentelemetry-proto's {@code docs/specification.md}: OTLP/HTTP with
 * protobuf and JSON bodies on one port, gzip, size limits, {@code google.rpc.Status} error
 * bodies, {@code partial_success}, and back-pressure through a bounded ingest queue.
 */
package io.perfagent.analyzer.receive;
