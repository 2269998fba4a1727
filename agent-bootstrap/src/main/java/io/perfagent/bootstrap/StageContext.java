package io.perfagent.bootstrap;

/**
 * The stage a task was submitted from: what a worker thread needs to make the task's stages
 * children of it. Immutable; created at most once per stage frame, when the frame first hands
 * work to another thread.
 */
public final class StageContext {

  final long traceHi;
  final long traceLo;
  final long spanId;
  final int pipelineId;

  StageContext(long traceHi, long traceLo, long spanId, int pipelineId) {
    this.traceHi = traceHi;
    this.traceLo = traceLo;
    this.spanId = spanId;
    this.pipelineId = pipelineId;
  }
}
