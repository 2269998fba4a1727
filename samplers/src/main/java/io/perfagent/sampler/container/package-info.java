/**
 * This process's cgroup, read with plain file reads under the cgroup root (default
 * {@code /sys/fs/cgroup}) at the path named in {@code <procfs>/self/cgroup}: CPU time,
 * throttling and the CPU quota ({@code cpu.max}, {@code cpu.stat}; v1
 * {@code cpu.cfs_quota_us}, {@code cpuacct.usage}), memory use and limit
 * ({@code memory.current}/{@code memory.max}; v1 {@code memory.usage_in_bytes}/
 * {@code memory.limit_in_bytes}), and the I/O pressure-stall share ({@code io.pressure}, or
 * {@code <procfs>/pressure/io}) that the host source writes. Files are small and re-read each
 * tick into a reused buffer.
 */
package io.perfagent.sampler.container;
