/**
 * The machine and this process as the operating system sees them. On Linux everything is read
 * from procfs directly each tick ({@code stat}, {@code loadavg}, {@code meminfo},
 * {@code diskstats}, {@code net/dev}, {@code self/status}, {@code self/fd}) with the shared
 * {@link io.perfagent.sampler.procfs.SmallFile}, and whole disks are named from
 * {@code <sysfs>/block}: the sampler thread ticks about once a second, so its code runs
 * interpreted, and there OSHI's regex and List parsing cost milliseconds per tick. OSHI
 * ({@code oshi.SystemInfo}, made once and only when needed) remains the fallback where those
 * files do not exist (macOS, Windows). The I/O pressure share comes from
 * {@link io.perfagent.sampler.container.IoPressure}.
 */
package io.perfagent.sampler.host;
