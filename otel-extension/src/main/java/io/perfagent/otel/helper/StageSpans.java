package io.perfagent.otel.helper;

import io.opentelemetry.api.internal.OtelEncodingUtils;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.perfagent.bootstrap.Faults;
import io.perfagent.bootstrap.HostSpans;
import io.perfagent.bootstrap.StageContext;
import io.perfagent.bootstrap.StageRegistry;
import io.perfagent.bootstrap.Stages;
import io.perfagent.bootstrap.ThreadState;
import java.util.concurrent.TimeUnit;

/**
 * What the woven advice calls beside {@link Stages}: when the stage stack makes a span frame,
 * a real span of the agent's tracer is opened for it and made current (so the agent's own spans
 * nest under it, and its executor instrumentation carries it, with the stage's context, to
 * other threads); a folded call touches nothing of OpenTelemetry. The span is not ended here:
 * the collector ends it once the call's record is drained (see {@code HostSpans}).
 *
 * <p>Every method catches everything: advice has no handler of its own around these calls
 * that could keep a failure from the application.
 */
public final class StageSpans {

  private StageSpans() {}

  /**
   * Before a stage call on a thread in no stage ({@link HostSpans#inStage} is null): the task
   * frame of the stage whose context the
   * agent carried here (an executor hop), so the call is that stage's child, in its pipeline,
   * and its folds go to it. 0 when there is none; {@link #close} pops it.
   */
  public static int task() {
    try {
      ContextKey<Object> key = key();
      if (key == null) {
        return 0;
      }
      Object c = Context.current().get(key);
      return c instanceof StageContext ? Stages.enterTask((StageContext) c) : 0;
    } catch (Throwable t) {
      Faults.record(t);
      return 0;
    }
  }

  /**
   * After {@link Stages#enterStage}: opens and makes current the span of the span frame the
   * call made; the {@link LiveStage} to close, or null for a folded call.
   */
  public static Object open(ThreadState ts, int stageId) {
    int f = HostSpans.spanFrame(ts, stageId);
    return f < 0 ? null : openSpan(ts, f);
  }

  /** Method exit: the span's scope and the stage (or only the stage), then the task frame. */
  public static void close(ThreadState ts, int stageId, Throwable error, Object live,
      int task) {
    if (live instanceof LiveStage) {
      ((LiveStage) live).exit(ts, stageId, error);
    } else {
      Stages.exitStage(ts, stageId, error);
    }
    if (task != 0) {
      Stages.exitTask(task);
    }
  }

  /** {@code Perf.stage(name)} and {@code Perf.stage(name, traceparent)}, after the stage opened. */
  public static void openBlock(String name) {
    try {
      if (name == null) {
        return;
      }
      ThreadState ts = HostSpans.current();
      int f = HostSpans.spanFrame(ts, StageRegistry.block(name));
      if (f >= 0) {
        HostSpans.keep(ts, f, openSpan(ts, f));
      }
    } catch (Throwable t) {
      Faults.record(t);
    }
  }

  /** {@code Perf.Stage.close()}: the block's scope, then the block. */
  public static void closeBlock() {
    Object live = null;
    ThreadState ts = null;
    try {
      ts = HostSpans.current();
      live = HostSpans.release(ts);
    } catch (Throwable t) {
      Faults.record(t);
    }
    if (live instanceof LiveStage) {
      ((LiveStage) live).exitBlock(ts);
    } else {
      Stages.exitBlock();
    }
  }

  private static Object openSpan(ThreadState ts, int f) {
    try {
      Object tracer = HostSpans.tracer;
      if (!(tracer instanceof Tracer)) {
        return null; // the listener has not started (or the module runs without it)
      }
      Context parent = Context.current();
      long[] remote = HostSpans.remoteParent(ts, f);
      if (remote != null) {
        parent = remoteParent(parent, remote);
      }
      Span span = ((Tracer) tracer).spanBuilder(HostSpans.spanName(ts, f))
          .setParent(parent)
          .setStartTimestamp(HostSpans.startEpochNanos(ts, f), TimeUnit.NANOSECONDS)
          .startSpan();
      SpanContext sc = span.getSpanContext();
      if (!sc.isValid()) {
        return null; // a no-op tracer: the stage keeps perf's own ids
      }
      String traceId = sc.getTraceId();
      long spanId = OtelEncodingUtils.longFromBase16String(sc.getSpanId(), 0);
      HostSpans.adopt(ts, f, OtelEncodingUtils.longFromBase16String(traceId, 0),
          OtelEncodingUtils.longFromBase16String(traceId, 16), spanId, span);
      Context context = parent.with(span);
      ContextKey<Object> key = key();
      if (key != null) {
        context = context.with(key, HostSpans.context(ts, f));
      }
      return new LiveStage(context.makeCurrent(), span, spanId);
    } catch (Throwable t) {
      Faults.record(t);
      return null;
    }
  }

  /**
   * The parent of a block opened with another process's traceparent: that stage, unless the
   * current span is already in its trace (the agent's server span for the same request).
   */
  private static Context remoteParent(Context current, long[] ids) {
    String traceId = hex(ids[0]) + hex(ids[1]);
    SpanContext here = Span.fromContext(current).getSpanContext();
    if (here.isValid() && here.getTraceId().equals(traceId)) {
      return current;
    }
    return current.with(Span.wrap(SpanContext.createFromRemoteParent(traceId, hex(ids[2]),
        TraceFlags.getSampled(), TraceState.getDefault())));
  }

  private static String hex(long v) {
    String h = Long.toHexString(v);
    return h.length() == 16 ? h : "0000000000000000".substring(h.length()) + h;
  }

  @SuppressWarnings("unchecked")
  private static ContextKey<Object> key() {
    // one key for every loader's copy of this class: a key is matched by identity
    return (ContextKey<Object>) HostSpans.contextKey;
  }
}
