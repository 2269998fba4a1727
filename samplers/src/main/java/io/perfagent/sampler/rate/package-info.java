/**
 * Rates from cumulative counters read once a tick, shared by the sources of several packages.
 */
package io.perfagent.sampler.rate;
