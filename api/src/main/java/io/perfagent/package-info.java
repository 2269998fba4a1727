/**
 * The application-facing API of perf-agent: {@link io.perfagent.Monitored} marks pipeline
 * stages, {@link io.perfagent.Perf} credits records and bytes and opens block stages. It has
 * no dependencies; without {@code -javaagent:perf.jar} every call is a no-op.
 */
package io.perfagent;
