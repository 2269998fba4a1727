package io.perfagent.analysis.resource;

/**
 * What the host and the accelerators did while one stage ran: the overlap-weighted mean of each
 * resource series over the stage's spans (see {@link StageResourcesCalculator}). A figure
 * without data is -1.
 *
 * @param hostCpu {@code system.cpu.utilization}
 * @param processCpu {@code process.cpu.utilization}
 * @param containerCpu {@code perf.container.cpu.utilization}
 * @param gpu {@code hw.gpu.utilization}
 * @param gpuMemoryBytes {@code hw.gpu.memory.usage}
 * @param npu {@code hw.npu.utilization}
 * @param ioWait {@code perf.io.wait.utilization}
 * @param gcPauseNanos GC pause time overlapping the covered span time; -1 when the run
 *     recorded no GC pause at all
 * @param coveredNanos the stage's span time that took part (union of its spans lasting at
 *     least one sampling interval)
 */
public record StageResources(
    double hostCpu,
    double processCpu,
    double containerCpu,
    double gpu,
    double gpuMemoryBytes,
    double npu,
    double ioWait,
    long gcPauseNanos,
    long coveredNanos) {

  /** {@code gcPauseNanos} over {@code coveredNanos}; -1 without GC data. */
  public double gcPauseRatio() {
    return gcPauseNanos < 0 || coveredNanos <= 0 ? -1 : (double) gcPauseNanos / coveredNanos;
  }
}
