/**
 * The helper the woven advice calls: injected by the OpenTelemetry agent into every class
 * loader that has a woven class, so it holds no state of its own (per-loader copies would split
 * it); what it shares lives in {@code io.perfagent.bootstrap.HostSpans}. Not an API.
 */
package io.perfagent.otel.helper;
