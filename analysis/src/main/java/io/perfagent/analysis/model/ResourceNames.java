package io.perfagent.analysis.model;

import java.util.List;

/**
 * Names of the resource series the analysis reads, when present. Several names may stand for
 * one resource (container, host or process view); in the lists below the first one present in
 * the samples wins.
 *
 * <p>The agent's sampler aggregates across devices before it hands a series over: one value
 * per name per tick, GPU utilization the maximum over devices, GPU memory the sum.
 */
public final class ResourceNames {

  public static final String PROCESS_CPU_UTILIZATION = "process.cpu.utilization";
  public static final String SYSTEM_CPU_UTILIZATION = "system.cpu.utilization";
  /**
   * CPU used over the container's CPU limit (cgroup quota), only when a limit is set. Not an
   * OpenTelemetry name, hence the {@code perf.} prefix.
   */
  public static final String CONTAINER_CPU_UTILIZATION = "perf.container.cpu.utilization";
  public static final String SYSTEM_MEMORY_UTILIZATION = "system.memory.utilization";
  public static final String CONTAINER_MEMORY_UTILIZATION = "container.memory.utilization";
  public static final String JVM_MEMORY_UTILIZATION = "jvm.memory.utilization";
  public static final String GC_DURATION = "jvm.gc.duration";
  public static final String GPU_UTILIZATION = "hw.gpu.utilization";
  /** GPU memory in use, bytes, summed over the devices. */
  public static final String GPU_MEMORY_USAGE = "hw.gpu.memory.usage";
  public static final String NPU_UTILIZATION = "hw.npu.utilization";
  /** Share of time some task waited on block I/O (Linux PSI {@code io} "some"), 0..1. */
  public static final String IO_WAIT_UTILIZATION = "perf.io.wait.utilization";

  /**
   * CPU, tightest bound first: the CPU a stage can get is capped by the container's limit
   * before the host's cores, and the host's load says more about contention than the
   * process's own share.
   */
  public static final List<String> CPU = List.of(CONTAINER_CPU_UTILIZATION,
      SYSTEM_CPU_UTILIZATION, PROCESS_CPU_UTILIZATION);
  /** Memory, most specific first. */
  public static final List<String> MEMORY =
      List.of(CONTAINER_MEMORY_UTILIZATION, SYSTEM_MEMORY_UTILIZATION, JVM_MEMORY_UTILIZATION);
  /** Accelerators, for the {@code gpu} SLO (first present); the {@code gpu} bottleneck kind takes the busier. */
  public static final List<String> GPU = List.of(GPU_UTILIZATION, NPU_UTILIZATION);
  public static final List<String> IO = List.of(IO_WAIT_UTILIZATION);

  private ResourceNames() {}

  /**
   * The unit of a series in UCUM as OpenTelemetry writes it: {@code "1"} for utilizations
   * (fractions), {@code "By"} for bytes, {@code "s"} for GC pauses, {@code ""} when unknown.
   */
  public static String unit(String name) {
    if (name.equals(GC_DURATION)) {
      return "s";
    }
    if (name.endsWith(".memory.usage")) { // hw.gpu.memory.usage among them
      return "By";
    }
    return name.endsWith(".utilization") ? "1" : "";
  }
}
