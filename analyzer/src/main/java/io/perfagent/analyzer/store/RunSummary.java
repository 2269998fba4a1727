package io.perfagent.analyzer.store;

import java.util.List;

/**
 * A stored run, without its report: a row of a pipeline's run list.
 *
 * @param topStage the first bottleneck's stage, {@code ""} when none
 * @param topKind the first bottleneck's kind, {@code ""} when none
 * @param topShare the first bottleneck's share of the critical path, 0 when none
 */
public record RunSummary(String id, int version, String pipeline, String rootStage,
    long startNanos, long endNanos, int spanCount, List<String> services,
    List<String> instances, long analysedAtMillis, String topStage, String topKind,
    double topShare) {

  public long wallNanos() {
    return endNanos - startNanos;
  }
}
