package io.perfagent.analyzer.receive;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.perfagent.analyzer.assemble.IngestQueue;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import io.perfagent.analyzer.translate.SpanTranslator;
import io.perfagent.analyzer.translate.Translation;

/**
 * What both OTLP receivers do with a decoded trace request: translate it, count it, offer its
 * spans to the ingest queue, and say what to answer. The transports only map the answer to
 * their status codes.
 */
public final class OtlpIngest {

  private final IngestQueue queue;
  private final AnalyzerMetrics metrics;

  public OtlpIngest(IngestQueue queue, AnalyzerMetrics metrics) {
    this.queue = queue;
    this.metrics = metrics;
  }

  /**
   * The response for a request whose spans were taken (with {@code partial_success} when some
   * were invalid), or null when the queue is full and the client must retry later.
   */
  public ExportTraceServiceResponse traces(ExportTraceServiceRequest request) {
    Translation t = SpanTranslator.translate(request);
    metrics.received(t.total());
    if (!queue.offer(t.spans())) {
      metrics.rejected(AnalyzerMetrics.REJECTED_QUEUE_FULL, t.total());
      metrics.requestRejected(AnalyzerMetrics.REJECTED_QUEUE_FULL);
      return null;
    }
    metrics.dropped(AnalyzerMetrics.DROPPED_NOT_A_STAGE, t.notStages());
    metrics.resourceSamplesDropped(t.timelineLeftOut());
    metrics.rejected(AnalyzerMetrics.REJECTED_INVALID_ID, t.rejected());
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (t.rejected() > 0) {
      response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(t.rejected()).setErrorMessage(t.rejectedReason()));
    }
    return response.build();
  }
}
