/**
 * Accelerators seen through files, no native library: Intel NPUs (the Linux accel class,
 * {@code <sysfs>/class/accel/accelN/device/npu_busy_time_us} and {@code
 * npu_memory_utilization}), AMD GPUs ({@code <sysfs>/class/drm/cardN/device/gpu_busy_percent},
 * {@code mem_info_vram_used}, {@code mem_info_vram_total}), and this process's own engine time
 * from the DRM usage stats in {@code <procfs>/self/fdinfo}.
 *
 * <p>Names: AMD GPUs use the hardware semantic conventions' {@code hw.gpu.*}. There is no
 * convention for NPUs: {@code hw.npu.utilization} and {@code hw.npu.memory.usage} (with {@code
 * hw.type=npu}) are our own naming, shaped like {@code hw.gpu.*}. Per-process engine time is
 * {@code perf.process.accelerator.*}, also ours.
 *
 * <p>Counters that go back (device reset, wrap) give no rate for that interval and are read
 * from their new value on; an unreadable or garbled file drops that one value.
 */
package io.perfagent.sampler.accel;
