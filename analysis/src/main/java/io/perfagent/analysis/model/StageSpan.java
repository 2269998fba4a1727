package io.perfagent.analysis.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured stage call. Built with {@link #builder()}; the canonical constructor is there
 * for translators that fill every field.
 *
 * @param traceId hex trace id; the spans of one run share it
 * @param parentSpanId {@code ""} for the root of a run
 * @param pipeline the pipeline of the trace's root; may be {@code ""} on non-root spans
 * @param cpuNanos thread CPU time of the call (the calling thread only), -1 when unknown
 * @param cpuExact true when read per call, false when estimated by sampling
 * @param allocBytes bytes allocated by the calling thread during the call, -1 when unknown
 * @param blockedNanos time blocked on monitors during the call, -1 when unknown (the hook
 *     for the {@code lock} bottleneck kind: only a stage with this figure can be called lock-bound)
 * @param errorType exception class name when {@code error}, else {@code ""}
 * @param folded per-record child stages folded into this span
 * @param exemplar one of the slowest calls of a folded stage, kept as a span: its call is
 *     counted in a fold of its parent already ({@code perf.exemplar} on the wire)
 */
public record StageSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String stage,
    String pipeline,
    String threadName,
    long threadId,
    long startNanos,
    long endNanos,
    long cpuNanos,
    boolean cpuExact,
    long allocBytes,
    long blockedNanos,
    long records,
    long bytes,
    boolean error,
    String errorType,
    List<FoldedAggregate> folded,
    boolean exemplar) {

  /**
   * The stage of a streaming window's root span: the agent folds a per-record stage called
   * with no enclosing stage (a consumer loop) per thread into windows of {@code fold.window},
   * and each window is a run of the stream. Its own time is the loop's, outside any stage.
   */
  public static final String WINDOW_STAGE = "stream window";

  public StageSpan {
    traceId = nonNull(traceId);
    spanId = nonNull(spanId);
    parentSpanId = nonNull(parentSpanId);
    stage = nonNull(stage);
    pipeline = nonNull(pipeline);
    threadName = nonNull(threadName);
    errorType = nonNull(errorType);
    folded = folded == null ? List.of() : List.copyOf(folded);
    if (endNanos < startNanos) {
      // a clock step must not give negative durations downstream
      endNanos = startNanos;
    }
  }

  public long durationNanos() {
    return endNanos - startNanos;
  }

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** Builder; unknown figures default to -1 (CPU, allocation, blocked) or 0 (counts). */
  public static final class Builder {
    private String traceId = "";
    private String spanId = "";
    private String parentSpanId = "";
    private String stage = "";
    private String pipeline = "";
    private String threadName = "";
    private long threadId;
    private long startNanos;
    private long endNanos;
    private long cpuNanos = -1;
    private boolean cpuExact;
    private long allocBytes = -1;
    private long blockedNanos = -1;
    private long records;
    private long bytes;
    private boolean error;
    private String errorType = "";
    private final List<FoldedAggregate> folded = new ArrayList<>();
    private boolean exemplar;

    private Builder() {}

    public Builder traceId(String v) { traceId = v; return this; }
    public Builder spanId(String v) { spanId = v; return this; }
    public Builder parentSpanId(String v) { parentSpanId = v; return this; }
    public Builder stage(String v) { stage = v; return this; }
    public Builder pipeline(String v) { pipeline = v; return this; }
    public Builder thread(String name, long id) { threadName = name; threadId = id; return this; }
    public Builder startNanos(long v) { startNanos = v; return this; }
    public Builder endNanos(long v) { endNanos = v; return this; }
    public Builder interval(long start, long end) { startNanos = start; endNanos = end; return this; }
    public Builder cpuNanos(long v, boolean exact) { cpuNanos = v; cpuExact = exact; return this; }
    public Builder allocBytes(long v) { allocBytes = v; return this; }
    public Builder blockedNanos(long v) { blockedNanos = v; return this; }
    public Builder records(long v) { records = v; return this; }
    public Builder bytes(long v) { bytes = v; return this; }
    public Builder error(String type) { error = true; errorType = type; return this; }
    public Builder addFolded(FoldedAggregate f) { folded.add(f); return this; }
    public Builder exemplar(boolean v) { exemplar = v; return this; }

    public StageSpan build() {
      return new StageSpan(traceId, spanId, parentSpanId, stage, pipeline, threadName, threadId,
          startNanos, endNanos, cpuNanos, cpuExact, allocBytes, blockedNanos, records, bytes,
          error, errorType, folded, exemplar);
    }
  }
}
