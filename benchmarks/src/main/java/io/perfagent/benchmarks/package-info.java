/**
 * JMH benchmarks of the agent's cost per call, side by side with the upstream OpenTelemetry
 * Java agent, and {@link io.perfagent.benchmarks.Compare}, the launcher that runs them once per
 * agent configuration and prints one table of ratios.
 *
 * <p>Each benchmark class answers one question. Its methods are named after the agent they
 * are meant for: {@code plain*} (no agent: the baseline), {@code monitored*} ({@code perf.jar},
 * {@code @Monitored}), {@code withSpan*} (upstream agent, {@code @WithSpan}). Both annotations
 * may sit on one class: each agent weaves only its own, and without an agent neither does
 * anything. The agents are attached to JMH's forked JVMs by {@code Compare}, never put on a
 * class path.
 */
package io.perfagent.benchmarks;
