/**
 * Reading small kernel files (procfs, sysfs, cgroup) without the costs that matter on the
 * sampler thread, which ticks about once a second and so runs interpreted: one reused buffer
 * per reader, numbers parsed from the bytes in place, no regex, no {@code String.split}, no
 * String per file. Shared by the host, container and accelerator sources.
 */
package io.perfagent.sampler.procfs;
