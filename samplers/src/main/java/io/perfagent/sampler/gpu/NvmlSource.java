package io.perfagent.sampler.gpu;

import com.sun.jna.Memory;
import io.perfagent.bootstrap.resource.ResourceSource;
import io.perfagent.bootstrap.resource.ResourceWriter;
import java.util.List;

/**
 * Source {@code nvml}: per NVIDIA GPU and tick, utilization, memory, power, temperature, SM
 * clock and this process's GPU memory. A failing call drops that one metric for that device
 * this tick and is counted in {@code perf.gpu.errors}; the other metrics and devices go on.
 */
final class NvmlSource implements ResourceSource {

  /** The process table grows to this many entries at most (24 bytes each). */
  static final int MAX_PROCESSES = 4096;

  private static final int INITIAL_PROCESSES = 16;

  private final Nvml nvml;
  private final List<NvmlDevice> devices;
  private final long pid;

  // Allocated once: every out-parameter of a tick lands here, one call at a time.
  private final Memory scratch = new Memory(Nvml.MEMORY_SIZE);
  private final Memory count = new Memory(4);
  private Memory processes;
  private int processCapacity;

  private long tick;
  private boolean closed;

  NvmlSource(Nvml nvml, List<NvmlDevice> devices, long pid) {
    this(nvml, devices, pid, INITIAL_PROCESSES);
  }

  NvmlSource(Nvml nvml, List<NvmlDevice> devices, long pid, int initialProcesses) {
    this.nvml = nvml;
    this.devices = List.copyOf(devices);
    this.pid = pid;
    this.processCapacity = Math.max(1, Math.min(initialProcesses, MAX_PROCESSES));
    this.processes = new Memory((long) processCapacity * Nvml.PROCESS_INFO_SIZE);
  }

  @Override
  public String name() {
    return "nvml";
  }

  @Override
  public void sample(ResourceWriter out) {
    long t = tick++;
    for (NvmlDevice d : devices) {
      if (d.parked()) {
        if (!d.probeDue(t) || !probe(d)) {
          writeErrors(d, out);
          continue;
        }
      }
      sampleDevice(d, t, out);
      writeErrors(d, out);
    }
  }

  /** One cheap call to see whether a parked device answers again. */
  private boolean probe(NvmlDevice d) {
    if (nvml.nvmlDeviceGetMemoryInfo(d.handle, scratch) == Nvml.SUCCESS) {
      return true;
    }
    d.failedOnce();
    return false;
  }

  private void sampleDevice(NvmlDevice d, long t, ResourceWriter out) {
    String[] a = d.attributes;
    int attempted = 0;
    int failed = 0;

    if (d.supports(NvmlDevice.UTILIZATION)) {
      attempted++;
      if (d.succeeded(
          NvmlDevice.UTILIZATION, nvml.nvmlDeviceGetUtilizationRates(d.handle, scratch))) {
        out.gauge("hw.gpu.utilization", "1", uint(Nvml.UTILIZATION_GPU_OFFSET) / 100.0, a);
      } else {
        failed++;
      }
    }
    if (d.supports(NvmlDevice.MEMORY)) {
      attempted++;
      if (d.succeeded(NvmlDevice.MEMORY, nvml.nvmlDeviceGetMemoryInfo(d.handle, scratch))) {
        long total = scratch.getLong(Nvml.MEMORY_TOTAL_OFFSET);
        long used = scratch.getLong(Nvml.MEMORY_USED_OFFSET);
        out.gauge("hw.gpu.memory.usage", "By", used, a);
        out.gauge("hw.gpu.memory.limit", "By", total, a);
        if (total > 0) {
          out.gauge("hw.gpu.memory.utilization", "1", (double) used / total, a);
        }
      } else {
        failed++;
      }
    }
    if (d.supports(NvmlDevice.POWER)) {
      attempted++;
      if (d.succeeded(NvmlDevice.POWER, nvml.nvmlDeviceGetPowerUsage(d.handle, scratch))) {
        out.gauge("hw.power", "W", uint(0) / 1000.0, a);
      } else {
        failed++;
      }
    }
    if (d.supports(NvmlDevice.TEMPERATURE)) {
      attempted++;
      if (d.succeeded(
          NvmlDevice.TEMPERATURE,
          nvml.nvmlDeviceGetTemperature(d.handle, Nvml.TEMPERATURE_GPU, scratch))) {
        out.gauge("hw.temperature", "Cel", uint(0), a);
      } else {
        failed++;
      }
    }
    if (d.supports(NvmlDevice.CLOCK)) {
      attempted++;
      if (d.succeeded(
          NvmlDevice.CLOCK, nvml.nvmlDeviceGetClockInfo(d.handle, Nvml.CLOCK_SM, scratch))) {
        out.gauge("perf.gpu.clock.sm", "MHz", uint(0), a);
      } else {
        failed++;
      }
    }
    if (d.supports(NvmlDevice.PROCESSES)) {
      attempted++;
      if (!processMemory(d, out)) {
        failed++;
      }
    }
    d.endTick(t, attempted, failed);
  }

  /**
   * This process's GPU memory on {@code d}: the sum over the running-process entries with our
   * pid (one per MIG instance it uses), 0 when it has none. Entries whose memory NVML cannot
   * tell (NVML_VALUE_NOT_AVAILABLE, as under WDDM or without permission) leave the metric out.
   *
   * @return false when the call failed
   */
  private boolean processMemory(NvmlDevice d, ResourceWriter out) {
    int rc;
    try {
      count.setInt(0, processCapacity);
      rc = nvml.nvmlDeviceGetComputeRunningProcesses_v3(d.handle, count, processes);
      if (rc == Nvml.ERROR_INSUFFICIENT_SIZE && grow(count.getInt(0))) {
        // Once per tick: the table may have grown again meanwhile, then we try next tick.
        count.setInt(0, processCapacity);
        rc = nvml.nvmlDeviceGetComputeRunningProcesses_v3(d.handle, count, processes);
      }
    } catch (UnsatisfiedLinkError e) {
      // Drivers older than the _v3 entry point: this metric is not to be had here.
      d.unsupported(NvmlDevice.PROCESSES);
      return true;
    }
    if (!d.succeeded(NvmlDevice.PROCESSES, rc)) {
      return false;
    }
    int n = Math.min(count.getInt(0), processCapacity);
    long own = 0;
    boolean known = true;
    for (int i = 0; i < n; i++) {
      long base = (long) i * Nvml.PROCESS_INFO_SIZE;
      if ((processes.getInt(base + Nvml.PROCESS_PID_OFFSET) & 0xFFFFFFFFL) != pid) {
        continue;
      }
      long used = processes.getLong(base + Nvml.PROCESS_USED_MEMORY_OFFSET);
      if (used == Nvml.VALUE_NOT_AVAILABLE) {
        known = false;
      } else {
        own += used;
      }
    }
    if (known) {
      out.gauge("perf.gpu.process.memory.usage", "By", own, d.attributes);
    }
    return true;
  }

  /** Grows the process table to fit {@code needed} entries plus headroom, within the bound. */
  private boolean grow(int needed) {
    if (needed <= processCapacity || processCapacity >= MAX_PROCESSES) {
      return false;
    }
    processCapacity = (int) Math.min(MAX_PROCESSES, needed + (long) needed / 2);
    processes = new Memory((long) processCapacity * Nvml.PROCESS_INFO_SIZE);
    return true;
  }

  private long uint(int offset) {
    return scratch.getInt(offset) & 0xFFFFFFFFL;
  }

  private static void writeErrors(NvmlDevice d, ResourceWriter out) {
    out.counter("perf.gpu.errors", "{error}", d.errors(), d.attributes);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      nvml.nvmlShutdown();
    }
  }
}
