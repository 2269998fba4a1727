/**
 * The machine and this process as the operating system sees them, through OSHI
 * ({@code oshi.SystemInfo}, made once): CPU ticks and load average, memory and swap, and the
 * current process's CPU time, RSS, threads and file descriptors. Disk and network byte counters
 * are read from {@code <procfs>/diskstats} and {@code <procfs>/net/dev} directly, because
 * OSHI's per-device refresh costs milliseconds per tick; the I/O pressure share comes from
 * {@link io.perfagent.sampler.container.IoPressure}.
 */
package io.perfagent.sampler.host;
