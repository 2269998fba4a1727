/**
 * The agent: its front door ({@link io.perfagent.agent.AgentPremain}), start-up (weaving on
 * the premain thread, everything else in {@code AgentServices} on a thread of its own) and
 * exit. The sub-packages split it by job: {@code config}, {@code weave}, {@code collect},
 * {@code export}, {@code resource}, {@code report}, {@code cli}, {@code log}. Everything here is loaded by the application's
 * system class loader from perf.jar with its dependencies relocated under
 * {@code io.perfagent.shaded}; what woven code calls lives in {@code io.perfagent.bootstrap}.
 * Not an API.
 */
package io.perfagent.agent;
