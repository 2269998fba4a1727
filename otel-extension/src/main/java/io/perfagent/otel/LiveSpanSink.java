package io.perfagent.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.perfagent.agent.collect.FinishedStage;
import io.perfagent.agent.collect.StageSink;
import io.perfagent.agent.export.SpanConverter;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.bootstrap.HostSpans;
import java.util.concurrent.TimeUnit;

/**
 * Where the collector's finished stages go inside the OpenTelemetry agent: the span opened live
 * for the call gets its name, the attributes perf.jar gives it ({@link SpanConverter}), its
 * status and exception event, and ends at the call's end time. A stage that had no live span
 * (a folded call kept as an exemplar, a streaming window) becomes a span of the agent's tracer
 * now, with its recorded times, under its parent.
 */
final class LiveSpanSink implements StageSink {

  private final Tracer tracer;
  private final SpanConverter converter;
  private long late;

  LiveSpanSink(Tracer tracer, SpanConverter converter) {
    this.tracer = tracer;
    this.converter = converter;
  }

  @Override
  public void accept(FinishedStage s) {
    try {
      Object live = HostSpans.take(s.spanId);
      Span span = live instanceof Span ? (Span) live : replay(s);
      span.updateName(SpanConverter.spanName(s));
      span.setAllAttributes(converter.attributes(s));
      StatusData status = SpanConverter.status(s);
      span.setStatus(status.getStatusCode(), status.getDescription());
      for (EventData e : SpanConverter.exceptionEvents(s)) {
        span.addEvent(e.getName(), e.getAttributes(), e.getEpochNanos(), TimeUnit.NANOSECONDS);
      }
      span.end(s.endEpochNanos, TimeUnit.NANOSECONDS);
    } catch (Throwable t) {
      AgentLog.failure("otel-span", "could not end a stage span", t);
    }
  }

  private Span replay(FinishedStage s) {
    SpanBuilder b = tracer.spanBuilder(SpanConverter.spanName(s))
        .setStartTimestamp(s.startEpochNanos, TimeUnit.NANOSECONDS);
    if (s.parentSpanId == 0) {
      b.setNoParent();
    } else {
      b.setParent(Context.root().with(Span.wrap(SpanContext.create(
          SpanConverter.traceId(s.traceHi, s.traceLo), SpanConverter.spanId(s.parentSpanId),
          TraceFlags.getSampled(), TraceState.getDefault()))));
    }
    return b.startSpan();
  }

  /**
   * At exit, after the last drain: spans still held belong to calls that never ended, or whose
   * records a full buffer dropped; they end now, so no span is left open.
   */
  @Override
  public void finish(long deadlineNanos) {
    for (Object o : HostSpans.takeAll()) {
      if (o instanceof Span) {
        ((Span) o).end();
        late++;
      }
    }
    if (late > 0) {
      AgentLog.info(late + " stage spans were still open at exit (calls still running, or "
          + "records dropped) and ended then");
    }
  }
}
