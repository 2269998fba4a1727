/**
 * Real OTLP receivers for the integration tests: an HTTP/protobuf server and a gRPC server
 * that accept what an OpenTelemetry exporter sends, keep every request, and decode it once
 * ({@link io.perfagent.it.otlp.OtlpDecoding}) into flat {@link io.perfagent.it.otlp.ReceivedSpan}
 * and {@link io.perfagent.it.otlp.ReceivedMetric} values that tests assert on.
 */
package io.perfagent.it.otlp;
