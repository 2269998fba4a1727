/**
 * Child programs run by the ITs in their own JVM, under the real agent. They use only
 * {@link io.perfagent.Monitored}, {@link io.perfagent.Perf} and the JDK (ConflictingDepsApp
 * also its own libraries; CsvToJsonApp Commons CSV and Jackson, staged by rules only), do work
 * of known size, and print what they did to stdout so the tests can compare the agent's
 * figures with the truth.
 */
package io.perfagent.it.apps;
