/**
 * NVIDIA GPUs through NVML ({@code libnvidia-ml.so}, loaded with JNA; {@code
 * sample.nvml.library} names another file). One source, {@code nvml}, writes per GPU and tick
 * the hardware semantic conventions' {@code hw.gpu.utilization}, {@code hw.gpu.memory.usage},
 * {@code hw.gpu.memory.limit}, {@code hw.gpu.memory.utilization}, {@code hw.power} and {@code
 * hw.temperature}, plus our own {@code perf.gpu.clock.sm}, {@code perf.gpu.process.memory.usage}
 * (this process's share, from the running-process list) and {@code perf.gpu.errors} (NVML calls
 * that failed; not {@code hw.errors}, which counts hardware errors). Every metric carries {@code
 * hw.id} (the GPU UUID), {@code hw.name}, {@code hw.vendor=nvidia}, {@code hw.type=gpu} and
 * {@code perf.gpu.index}.
 *
 * <p>Without a driver nothing here runs beyond one failed load and one info line.
 */
package io.perfagent.sampler.gpu;
