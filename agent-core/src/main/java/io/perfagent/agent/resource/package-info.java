/**
 * The resource sampler: one daemon thread that ticks every {@code sample.interval}, asks each
 * source (loaded in the samplers' own class loader, see {@link
 * io.perfagent.agent.resource.SamplerLoader}) for its readings, keeps the latest value of every
 * series for OpenTelemetry's asynchronous instruments, and a bounded timeline of the series
 * the analysis reads, for the exit report and for the resource averages on stage spans.
 * Nothing here runs on an application thread.
 */
package io.perfagent.agent.resource;
