/**
 * Bottlenecks: the stages that hold a pipeline back, ranked by their share of the critical
 * path, each with a kind and evidence in numbers.
 *
 * <p>Only stages with at least {@link
 * io.perfagent.analysis.bottleneck.BottleneckThresholds#DEFAULT_MIN_SHARE} of the runs' wall
 * time on the critical path qualify. The kind is the first that applies, most specific
 * first:
 * <ol>
 *   <li>{@code skew}: N ≥ 2 overlapping calls of the stage under one parent (a fan-out) where
 *       the slowest, on the critical path, took at least {@code skewRatio} times the median;
 *   <li>{@code lock}: blocked on monitors for at least {@code lockRatio} of its wall time
 *       (only when spans carry blocked time);
 *   <li>{@code gc}: GC pauses (resource series {@code jvm.gc.duration}) cover at least
 *       {@code gcRatio} of its critical-path time;
 *   <li>{@code alloc}: its own allocation rate is at least {@code allocBytesPerSec};
 *   <li>{@code cpu}: on CPU for at least {@code cpuRatio} of its critical-path time;
 *   <li>{@code gpu} / {@code io}: the busier of the GPU and NPU utilization series
 *       ({@code hw.gpu.utilization}, {@code hw.npu.utilization}) / the I/O-wait series
 *       ({@code perf.io.wait.utilization}) averages at least
 *       {@code gpuUtilization} / {@code ioWait} during its critical-path time;
 *   <li>{@code cpu} by contention: on CPU for at least {@code contendedCpuRatio} (but less
 *       than {@code cpuRatio}) of its critical-path time while the CPU series (the first of
 *       {@code perf.container.cpu.utilization}, {@code system.cpu.utilization},
 *       {@code process.cpu.utilization} present) averages at least {@code cpuRatio}: it
 *       waited for a core (number {@code machine_cpu_utilization});
 *   <li>{@code wait}: otherwise: off CPU (sleep, I/O, a join, a queue).
 * </ol>
 *
 * <p>Series averages over critical-path segments are overlap-weighted, as defined once in
 * {@link io.perfagent.analysis.resource.SampledSeries#meanOver}.
 */
package io.perfagent.analysis.bottleneck;
