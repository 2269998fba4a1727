/**
 * The integration tests ({@code *IT}, run by failsafe in {@code mvn verify}): each starts
 * child JVMs with the real {@code agent/target/perf.jar}, on every JDK that
 * {@link io.perfagent.it.harness.Jdks} finds where the behaviour may differ by JDK, and checks
 * what arrives at a real OTLP receiver and what the child printed.
 */
package io.perfagent.it;
