package io.perfagent.analyzer.translate;

import java.util.List;

/**
 * What one export request gave.
 *
 * @param spans the stage spans to assemble
 * @param rejected spans refused as invalid (the client is told, in {@code partial_success})
 * @param rejectedReason why, for the {@code partial_success} message; {@code ""} with none
 * @param notStages valid spans that carry no {@code perf.stage} (not from a perf agent): kept
 *     out of the analysis, counted
 * @param timelineLeftOut resource values of carried timelines that did not fit their format
 */
public record Translation(List<IncomingSpan> spans, long rejected, String rejectedReason,
    long notStages, long timelineLeftOut) {

  public long total() {
    return spans.size() + rejected + notStages;
  }
}
