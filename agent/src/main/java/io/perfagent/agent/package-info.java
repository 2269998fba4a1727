/**
 * The agent: its front door ({@link io.perfagent.agent.AgentPremain}) and start-up. The
 * sub-packages split it by job: {@code config}, {@code weave}, {@code collect}, {@code export},
 * {@code report}, {@code cli}, {@code log}. Everything here is loaded by the application's
 * system class loader from perf.jar with its dependencies relocated under
 * {@code io.perfagent.shaded}; what woven code calls lives in {@code io.perfagent.bootstrap}.
 * Not an API.
 */
package io.perfagent.agent;
