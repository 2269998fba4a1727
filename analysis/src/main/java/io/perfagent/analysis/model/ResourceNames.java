package io.perfagent.analysis.model;

import java.util.List;

/**
 * Names of the resource series the analysis reads, when present. Several names may stand for
 * one resource (host or process view); the first one present in the samples wins.
 */
public final class ResourceNames {

  public static final String PROCESS_CPU_UTILIZATION = "process.cpu.utilization";
  public static final String SYSTEM_CPU_UTILIZATION = "system.cpu.utilization";
  public static final String SYSTEM_MEMORY_UTILIZATION = "system.memory.utilization";
  public static final String CONTAINER_MEMORY_UTILIZATION = "container.memory.utilization";
  public static final String JVM_MEMORY_UTILIZATION = "jvm.memory.utilization";
  public static final String GC_DURATION = "jvm.gc.duration";
  public static final String GPU_UTILIZATION = "hw.gpu.utilization";
  /**
   * Fraction of time the process's threads waited on block I/O. No sampler produces it yet:
   * a hook for the {@code io} bottleneck kind.
   */
  public static final String IO_WAIT_UTILIZATION = "perf.io.wait.utilization";

  /** CPU, most specific first. */
  public static final List<String> CPU = List.of(SYSTEM_CPU_UTILIZATION, PROCESS_CPU_UTILIZATION);
  /** Memory, most specific first. */
  public static final List<String> MEMORY =
      List.of(CONTAINER_MEMORY_UTILIZATION, SYSTEM_MEMORY_UTILIZATION, JVM_MEMORY_UTILIZATION);
  public static final List<String> GPU = List.of(GPU_UTILIZATION);
  public static final List<String> IO = List.of(IO_WAIT_UTILIZATION);

  private ResourceNames() {}
}
