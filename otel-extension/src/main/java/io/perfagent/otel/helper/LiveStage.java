package io.perfagent.otel.helper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.perfagent.bootstrap.Faults;
import io.perfagent.bootstrap.HostSpans;
import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.ThreadState;

/**
 * A stage call that is the agent's current span, from its entry to its exit: the scope that
 * keeps the span current, and the span, for the one case where the caller must end it (the
 * call's record was dropped on a full buffer, so the collector will never see it).
 */
public final class LiveStage {

  private final Scope scope;
  private final Span span;
  private final long spanId;

  LiveStage(Scope scope, Span span, long spanId) {
    this.scope = scope;
    this.span = span;
    this.spanId = spanId;
  }

  /** Leaves the stage: the scope first (it was opened last), then the stage's frame. */
  void exit(ThreadState ts, int stageId, Throwable error) {
    try {
      scope.close();
    } catch (Throwable t) {
      Faults.record(t);
    }
    long dropped = HostSpans.droppedRecords(ts);
    Stages.exitStage(ts, stageId, error);
    if (HostSpans.droppedRecords(ts) != dropped) {
      dropped();
    }
  }

  /** Leaves a block stage: the scope, then the block (see {@link Stages#exitBlock}). */
  void exitBlock(ThreadState ts) {
    try {
      scope.close();
    } catch (Throwable t) {
      Faults.record(t);
    }
    long dropped = HostSpans.droppedRecords(ts);
    Stages.exitBlock();
    if (HostSpans.droppedRecords(ts) != dropped) {
      dropped();
    }
  }

  /**
   * The record was dropped (counted there): the span ends now, bare, rather than stay open and
   * held until exit.
   */
  private void dropped() {
    try {
      if (HostSpans.take(spanId) != null) {
        span.end();
      }
    } catch (Throwable t) {
      Faults.record(t);
    }
  }
}
