package io.perfagent.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.perfagent.agent.collect.FinishedStage;
import io.perfagent.agent.collect.FoldSummary;
import io.perfagent.agent.resource.ResourceTimeline;
import io.perfagent.agent.resource.StageAverages;
import io.perfagent.analysis.model.FoldThreads;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Turns a finished stage into {@link SpanData}: names, the {@code perf.*} attributes, the
 * semantic-convention code and thread attributes, folded children as {@code perf.folded.*},
 * and an error as status plus an {@code exception} event.
 */
public final class SpanConverter {

  static final AttributeKey<String> STAGE = AttributeKey.stringKey("perf.stage");
  static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("perf.pipeline");
  static final AttributeKey<Long> CPU_NS = AttributeKey.longKey("perf.cpu_ns");
  static final AttributeKey<String> CPU_SOURCE = AttributeKey.stringKey("perf.cpu_source");
  static final AttributeKey<Long> ALLOC = AttributeKey.longKey("perf.alloc_bytes");
  static final AttributeKey<Long> RECORDS = AttributeKey.longKey("perf.records");
  static final AttributeKey<Long> BYTES = AttributeKey.longKey("perf.bytes");
  static final AttributeKey<Boolean> EXEMPLAR = AttributeKey.booleanKey("perf.exemplar");
  static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function.name");
  static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");
  static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");
  static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");
  private static final int MAX_STACKTRACE_CHARS = 8192;

  /**
   * The folds of one child stage that ran on other threads than the parent's, flattened as
   * {@link FoldThreads} lays them out ({@link FoldedAggregate#OTHER_THREADS} for the threads
   * summed together).
   */
  private static long[] elsewhere(FinishedStage s, int stageId) {
    String name = StageRegistry.stage(stageId).name;
    List<FoldSummary> folds = s.folds();
    long[] out = new long[0];
    for (FoldSummary f : folds) {
      if (f.threadId < 0 || f.threadId == s.threadId || f.windowEndEpochNanos == 0
          || !StageRegistry.stage(f.stageId).name.equals(name)) {
        continue;
      }
      int o = out.length;
      out = java.util.Arrays.copyOf(out, o + FoldThreads.FIELDS);
      out[o + FoldThreads.F_THREAD] = f.threadId;
      out[o + FoldThreads.F_CALLS] = f.calls;
      out[o + FoldThreads.F_ERRORS] = f.errors;
      out[o + FoldThreads.F_WALL] = f.wallNanos;
      out[o + FoldThreads.F_CPU] = f.cpuNanos;
      out[o + FoldThreads.F_ALLOC] = f.allocBytes;
      out[o + FoldThreads.F_RECORDS] = f.records;
      out[o + FoldThreads.F_BYTES] = f.bytes;
      out[o + FoldThreads.F_TIMED] = f.timedCalls;
      out[o + FoldThreads.F_START] = f.windowStartEpochNanos;
      out[o + FoldThreads.F_END] = f.windowEndEpochNanos;
    }
    return out;
  }

  static List<Long> longs(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }

  private final InstrumentationScopeInfo scope;
  private final Resource resource;
  private final ResourceTimeline timeline;

  /** {@code timeline} may be null (sampling off): then spans carry no resource averages. */
  public SpanConverter(InstrumentationScopeInfo scope, Resource resource,
      ResourceTimeline timeline) {
    this.scope = scope;
    this.resource = resource;
    this.timeline = timeline;
  }

  /** {@code perf.pipeline} of a stage call; the span name of a pipeline root. */
  public static String spanName(FinishedStage s) {
    StageInfo info = StageRegistry.stage(s.stageId);
    return s.root && info.isPipelineEntry() ? info.pipeline : info.name;
  }

  public SpanData convert(FinishedStage s) {
    SpanContext context = SpanContext.create(traceId(s.traceHi, s.traceLo), spanId(s.spanId),
        TraceFlags.getSampled(), TraceState.getDefault());
    SpanContext parent = s.parentSpanId == 0 ? SpanContext.getInvalid()
        : SpanContext.create(context.getTraceId(), spanId(s.parentSpanId),
            TraceFlags.getSampled(), TraceState.getDefault());
    return new StageSpanData(spanName(s), context, parent, status(s), s.startEpochNanos,
        s.endEpochNanos, attributes(s), exceptionEvents(s), scope, resource);
  }

  /**
   * The span's attributes: {@code perf.*}, code and thread, {@code perf.folded.*} for the folded
   * children, the resource averages over the call, {@code error.type}. The same for a span
   * built here as {@code SpanData} and for one the OpenTelemetry agent opened live.
   */
  public Attributes attributes(FinishedStage s) {
    StageInfo info = StageRegistry.stage(s.stageId);
    AttributesBuilder a = Attributes.builder()
        .put(STAGE, info.name)
        .put(PIPELINE, StageRegistry.pipeline(s.pipelineId))
        .put(CPU_NS, Math.max(0, s.cpuNanos))
        .put(CPU_SOURCE, s.cpuExact ? "measured" : "sampled")
        .put(RECORDS, s.records)
        .put(BYTES, s.bytes)
        .put(CODE_FUNCTION, info.codeFunction)
        .put(THREAD_ID, s.threadId)
        .put(THREAD_NAME, s.threadName);
    if (s.allocBytes >= 0) {
      a.put(ALLOC, s.allocBytes);
    }
    if (s.exemplar) {
      a.put(EXEMPLAR, true);
    }
    for (FoldSummary f : FoldSummary.byStageName(s.folds())) {
      String prefix = "perf.folded." + StageRegistry.stage(f.stageId).name + ".";
      if (f.withinStageId >= 0) {
        a.put(prefix + "within", StageRegistry.stage(f.withinStageId).name);
      }
      if (f.bucketNanos.length > 0) {
        a.put(AttributeKey.longArrayKey(prefix + "bucket_ns"), longs(f.bucketNanos));
        a.put(AttributeKey.longArrayKey(prefix + "bucket_counts"), longs(f.bucketCounts));
      }
      a.put(prefix + "calls", f.calls)
          .put(prefix + "errors", f.errors)
          .put(prefix + "wall_ns", f.wallNanos)
          .put(prefix + "cpu_ns", f.cpuNanos)
          .put(prefix + "alloc_bytes", f.allocBytes)
          .put(prefix + "records", f.records)
          .put(prefix + "bytes", f.bytes)
          .put(prefix + "p50_ns", f.p50Nanos)
          .put(prefix + "p99_ns", f.p99Nanos)
          .put(prefix + "max_ns", f.maxNanos)
          .put(prefix + "timed_calls", f.timedCalls)
          .put(prefix + "wall_error_ns", f.wallErrorNanos);
      long[] elsewhere = elsewhere(s, f.stageId);
      if (elsewhere.length > 0) {
        a.put(AttributeKey.longArrayKey(prefix + "threads"), longs(elsewhere));
      }
    }
    for (Map.Entry<String, Double> e
        : StageAverages.of(timeline, s.startEpochNanos, s.endEpochNanos).entrySet()) {
      if (StageAverages.whole(e.getKey())) {
        a.put(e.getKey(), Math.round(e.getValue()));
      } else {
        a.put(e.getKey(), e.getValue());
      }
    }
    if (timeline != null && s.processTop()) {
      TimelineAttributesWriter.write(timeline, s.startEpochNanos, s.endEpochNanos, a);
    }
    if (s.error != null) {
      a.put(ERROR_TYPE, s.error.getClass().getName());
    }
    return a.build();
  }

  /** Unset, or ERROR with the exception's message when the call threw. */
  public static StatusData status(FinishedStage s) {
    if (s.error == null) {
      return StatusData.unset();
    }
    String message = s.error.getMessage();
    return StatusData.create(StatusCode.ERROR, message == null ? "" : message);
  }

  /** The {@code exception} event of a call that threw (none otherwise). */
  public static List<EventData> exceptionEvents(FinishedStage s) {
    if (s.error == null) {
      return Collections.emptyList();
    }
    String message = s.error.getMessage();
    AttributesBuilder e = Attributes.builder()
        .put(EXCEPTION_TYPE, s.error.getClass().getName())
        .put(EXCEPTION_STACKTRACE, stackTrace(s.error));
    if (message != null) {
      e.put(EXCEPTION_MESSAGE, message);
    }
    return List.of(EventData.create(s.endEpochNanos, "exception", e.build()));
  }

  /** A 32-hex-digit trace id from its two halves. */
  public static String traceId(long hi, long lo) {
    return hex(hi) + hex(lo);
  }

  /** A 16-hex-digit span id. */
  public static String spanId(long id) {
    return hex(id);
  }

  private static String hex(long v) {
    String h = Long.toHexString(v);
    return h.length() == 16 ? h : "0000000000000000".substring(h.length()) + h;
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    try {
      t.printStackTrace(new PrintWriter(w));
    } catch (RuntimeException e) {
      return t.toString(); // an application toString() that throws
    }
    String s = w.toString();
    return s.length() > MAX_STACKTRACE_CHARS ? s.substring(0, MAX_STACKTRACE_CHARS) : s;
  }
}
