/**
 * The contract between the agent and its resource samplers. The samplers (OSHI, JNA, NVML,
 * sysfs readers) run in a class loader of their own, so that JNA, which cannot be relocated,
 * never meets the application's JNA; these interfaces sit on the bootstrap class path, the one
 * place both loaders see. Only JDK types cross it.
 */
package io.perfagent.bootstrap.resource;
