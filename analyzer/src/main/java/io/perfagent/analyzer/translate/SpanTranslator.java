package io.perfagent.analyzer.translate;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.perfagent.analysis.model.FoldThreads;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.LatencyBuckets;
import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.model.TimelineAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP spans into {@link StageSpan}s, reading the attributes the agent exports (README, "What
 * you get") back into the figures its exit report analyses:
 *
 * <ul>
 *   <li>the stage and pipeline from {@code perf.stage} and {@code perf.pipeline} (the span's
 *       name is the pipeline's on a root, so it is not used);
 *   <li>CPU from {@code perf.cpu_ns} only when {@code perf.cpu_source} is {@code measured}: the
 *       exit report likewise leaves sampled per-call CPU out (-1), as a short call almost never
 *       holds a sampler tick;
 *   <li>allocation from {@code perf.alloc_bytes}, -1 when absent; lock time is never exported
 *       (the agent measures it from JFR at exit only), so -1;
 *   <li>an error from status {@code ERROR}, its type from {@code error.type};
 *   <li>folded child stages from {@code perf.folded.<stage>.<field>} (stage names may contain
 *       dots: the field is what follows the last one).
 * </ul>
 *
 * <p>Folds on other threads than the parent's come back from {@code
 * perf.folded.<stage>.threads} with their thread and window ({@link FoldThreads}), as branches
 * beside the parent; what the export does not carry (lock time, per-thread histograms) cannot.
 *
 * <p>A run's top span in each process carries that process's resource timeline over the run
 * ({@code perf.timeline.*}, {@link TimelineReader}).
 */
public final class SpanTranslator {

  private static final String FOLDED = "perf.folded.";
  private static final int MAX_NAME = 1024;

  private SpanTranslator() {}

  public static Translation translate(ExportTraceServiceRequest request) {
    List<IncomingSpan> out = new ArrayList<>();
    long rejected = 0;
    long notStages = 0;
    long timelineLeftOut = 0;
    String reason = "";
    Map<String, AnyValue> timeline = new HashMap<>(); // one span's perf.timeline.*, most often none
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Attributes resource = Attributes.of(rs.getResource().getAttributesList());
      String service = clip(resource.string("service.name"));
      String instance = clip(resource.string("service.instance.id"));
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          String problem = invalid(span);
          if (problem != null) {
            rejected++;
            reason = problem;
            continue;
          }
          timeline.clear();
          StageSpan s = stageSpan(span, timeline);
          if (s == null) {
            notStages++;
            continue;
          }
          List<ResourceSample> carried = List.of();
          if (!timeline.isEmpty()) {
            TimelineReader.Read read = TimelineReader.samples(timeline);
            carried = read.samples();
            timelineLeftOut += read.leftOut();
          }
          out.add(new IncomingSpan(s, service, instance, carried));
        }
      }
    }
    return new Translation(out, rejected, reason, notStages, timelineLeftOut);
  }

  /** Why a span cannot be kept, or null when it can. */
  private static String invalid(Span s) {
    if (s.getTraceId().size() != 16 || allZero(s.getTraceId())) {
      return "a span's trace_id is not 16 bytes, or all zero";
    }
    if (s.getSpanId().size() != 8 || allZero(s.getSpanId())) {
      return "a span's span_id is not 8 bytes, or all zero";
    }
    if (!s.getParentSpanId().isEmpty() && s.getParentSpanId().size() != 8) {
      return "a span's parent_span_id is neither empty nor 8 bytes";
    }
    if (s.getEndTimeUnixNano() < s.getStartTimeUnixNano()) {
      return "a span ends before it starts";
    }
    return null;
  }

  /**
   * The span's stage figures, read in one pass over its attributes (no map per span: this runs
   * for every span received); null when it has no {@code perf.stage}.
   */
  static StageSpan stageSpan(Span span) {
    return stageSpan(span, null);
  }

  /** As {@link #stageSpan(Span)}; the {@code perf.timeline.*} attributes go to {@code timeline}. */
  static StageSpan stageSpan(Span span, Map<String, AnyValue> timeline) {
    String stage = null;
    String pipeline = "";
    String threadName = "";
    long threadId = 0;
    long cpu = -1;
    boolean measured = false;
    long alloc = -1;
    long records = 0;
    long bytes = 0;
    String errorType = "";
    boolean exemplar = false;
    Map<String, Map<String, AnyValue>> folds = null;
    for (KeyValue kv : span.getAttributesList()) {
      String key = kv.getKey();
      AnyValue v = kv.getValue();
      switch (key) {
        case "perf.stage" -> stage = Attributes.string(v);
        case "perf.pipeline" -> pipeline = Attributes.string(v);
        case "thread.name" -> threadName = Attributes.string(v);
        case "thread.id" -> threadId = Attributes.number(v, 0);
        case "perf.cpu_ns" -> cpu = Attributes.number(v, -1);
        case "perf.cpu_source" -> measured = "measured".equals(Attributes.string(v));
        case "perf.alloc_bytes" -> alloc = Attributes.number(v, -1);
        case "perf.records" -> records = Attributes.number(v, 0);
        case "perf.bytes" -> bytes = Attributes.number(v, 0);
        case "error.type" -> errorType = Attributes.string(v);
        case "perf.exemplar" -> exemplar = "true".equals(Attributes.string(v));
        default -> {
          int dot = key.lastIndexOf('.');
          if (timeline != null && key.startsWith(TimelineAttributes.PREFIX)) {
            timeline.put(key, v);
          } else if (key.startsWith(FOLDED) && dot > FOLDED.length()) {
            if (folds == null) {
              folds = new LinkedHashMap<>();
            }
            folds.computeIfAbsent(key.substring(FOLDED.length(), dot),
                k -> new LinkedHashMap<>()).put(key.substring(dot + 1), v);
          }
        }
      }
    }
    if (stage == null) {
      return null;
    }
    StageSpan.Builder b = StageSpan.builder()
        .traceId(hex(span.getTraceId()))
        .spanId(hex(span.getSpanId()))
        .parentSpanId(span.getParentSpanId().isEmpty() ? "" : hex(span.getParentSpanId()))
        .stage(clip(stage))
        .pipeline(clip(pipeline))
        .thread(clip(threadName), threadId)
        .interval(span.getStartTimeUnixNano(), span.getEndTimeUnixNano())
        .cpuNanos(measured ? cpu : -1, measured)
        .allocBytes(alloc)
        .records(records)
        .bytes(bytes)
        .exemplar(exemplar);
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      b.error(clip(errorType));
    }
    if (folds != null) {
      for (FoldedAggregate f : folds(folds)) {
        b.addFolded(f);
      }
    }
    return b.build();
  }

  /** The {@code perf.folded.<stage>.*} attributes, one aggregate per stage, in the order met. */
  private static List<FoldedAggregate> folds(Map<String, Map<String, AnyValue>> byStage) {
    List<FoldedAggregate> out = new ArrayList<>(byStage.size());
    for (Map.Entry<String, Map<String, AnyValue>> e : byStage.entrySet()) {
      Map<String, AnyValue> f = e.getValue();
      if (!f.containsKey("calls")) {
        continue;
      }
      AnyValue within = f.get("within");
      FoldedAggregate total = new FoldedAggregate(clip(e.getKey()), n(f, "calls", 0),
          n(f, "errors", 0), n(f, "wall_ns", 0), n(f, "cpu_ns", -1), n(f, "alloc_bytes", -1),
          n(f, "records", 0), n(f, "bytes", 0), n(f, "p50_ns", 0), n(f, "p99_ns", 0),
          n(f, "max_ns", 0), within == null ? "" : clip(within.getStringValue()),
          n(f, "timed_calls", 0), buckets(f.get("bucket_ns"), f.get("bucket_counts")), -1, 0, 0);
      // the folds on other threads, placed as the exit report places them
      out.addAll(FoldThreads.split(total, Attributes.numbers(f.get("threads"))));
    }
    return out;
  }

  /** Bucket middles must ascend and pair with their counts; anything else is left out. */
  private static LatencyBuckets buckets(AnyValue values, AnyValue counts) {
    long[] v = Attributes.numbers(values);
    long[] c = Attributes.numbers(counts);
    if (v.length == 0 || v.length != c.length) {
      return LatencyBuckets.EMPTY;
    }
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[i - 1]) {
        return LatencyBuckets.EMPTY;
      }
    }
    return LatencyBuckets.of(v, c);
  }

  private static long n(Map<String, AnyValue> f, String field, long absent) {
    return Attributes.number(f.get(field), absent);
  }

  private static String clip(String s) {
    return s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
  }

  private static boolean allZero(ByteString b) {
    for (int i = 0; i < b.size(); i++) {
      if (b.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Lower-case hex, as the agent writes ids into the model. */
  public static String hex(ByteString b) {
    char[] c = new char[b.size() * 2];
    for (int i = 0; i < b.size(); i++) {
      int v = b.byteAt(i) & 0xff;
      c[2 * i] = HEX[v >>> 4];
      c[2 * i + 1] = HEX[v & 0xf];
    }
    return new String(c);
  }
}
