/**
 * A batch order pipeline used to demonstrate perf-agent: generate and parse orders, enrich
 * each one, aggregate on a fixed thread pool, score customers, materialize output lines and
 * write them to a temporary file. Each stage is a method annotated {@link
 * io.perfagent.Monitored}; without {@code -javaagent:perf.jar} the annotations do nothing.
 *
 * <p>The pipeline is slow in known places on purpose: {@code score} is CPU-bound on one thread
 * and {@code aggregate} waits for one oversized partition. That lets the agent's bottleneck
 * analysis be checked against a known answer.
 *
 * <p>Parameters and return values are non-null unless stated otherwise.
 */
package io.perfagent.demo;
