/**
 * The agent's side of measurement: the drain thread that turns per-thread records into
 * finished stages, folds and statistics, and the sampler that estimates CPU time for stages
 * too short to read it per call. Runs only on the agent's own daemon threads. Not an API.
 */
package io.perfagent.agent.collect;
