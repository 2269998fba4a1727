/**
 * perf-agent inside the upstream OpenTelemetry Java agent, as an extension
 * ({@code -Dotel.javaagent.extensions=perf-otel-extension.jar}): an instrumentation module
 * named {@code perf} that weaves {@code @Monitored} methods and the {@code Perf} API with Byte
 * Buddy advice, and an agent listener that starts the same collector and resource samplers as
 * perf.jar on the agent's tracer and meter provider. Measurement and folding run in the
 * bootstrap classes ({@code io.perfagent.bootstrap}, appended to the bootstrap class path, so one
 * copy serves every class loader); draining, span attributes, statistics and sampling in
 * {@code perf-agent-core}, shared with perf.jar. Not an API.
 */
package io.perfagent.otel;
