/**
 * The child-JVM harness: which JDKs to run on ({@link io.perfagent.it.harness.Jdks}), where
 * the agent jar and the child class path come from ({@link io.perfagent.it.harness.ItPaths},
 * {@link io.perfagent.it.harness.ItClasspath}), and starting a JVM with or without
 * {@code -javaagent}, capturing its whole output ({@link io.perfagent.it.harness.ChildJvm}).
 */
package io.perfagent.it.harness;
