/**
 * Resource readers behind the {@link io.perfagent.bootstrap.resource} contract. Loaded by the
 * agent in a class loader of its own, found through {@link java.util.ServiceLoader}.
 */
package io.perfagent.sampler;
