/**
 * OpenTelemetry on the agent's side: finished stages become {@code SpanData} handed straight
 * to the SDK's exporters, statistics become metrics through a {@code MetricProducer}, all
 * configured by the SDK's autoconfigure module from the standard {@code OTEL_*} settings. The
 * SDK is the agent's own, relocated, and never installed as the application's global. What
 * the OpenTelemetry extension uses too (the span attributes in {@code SpanConverter}, the stage
 * metrics, the resource instruments) is in the same package in perf-agent-core. Not an API.
 */
package io.perfagent.agent.export;
