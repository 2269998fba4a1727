package io.perfagent.agent.report;

import io.perfagent.agent.collect.FinishedStage;
import io.perfagent.agent.collect.FoldSummary;
import io.perfagent.analysis.model.FoldedAggregate;
import io.perfagent.analysis.model.LatencyBuckets;
import io.perfagent.bootstrap.StageRegistry;

/**
 * The calls of one stage under one parent span that the report did not keep as spans, summed:
 * exact counts and totals, their wall times as {@link LatencyTally} buckets, the thread they
 * ran on and when. Becomes a {@link FoldedAggregate} of the parent, which the analysis
 * already reads as folded calls (a branch of its own when they ran on another thread).
 *
 * <p>{@code fromSpans}: the calls were the parent's direct child spans, so a fold of the same
 * stage on the parent already counts them (AUTO stages count their first calls both ways).
 * Calls rolled up from a summarised parent, or handed on from folds, are not.
 */
final class StageAggregate {

  /** Where the calls hang: trace, parent span, stage, the stage they ran within, thread. */
  record Key(long traceHi, long traceLo, long parentSpanId, int stageId, int withinStageId,
      long threadId, boolean fromSpans) {}

  final Key key;
  long calls;
  long errors;
  long wallNanos;
  /** Summed over the parts that had it; unknown (-1 out) once one part had not. */
  long cpuNanos;
  boolean cpuKnown = true;
  long allocBytes;
  boolean allocKnown = true;
  long records;
  long bytes;
  long maxNanos;
  long timedCalls;
  /** Epoch ns; both 0 once a part's window was not known. */
  long windowStart = Long.MAX_VALUE;
  long windowEnd = Long.MIN_VALUE;
  private boolean windowKnown = true;
  final LatencyTally tally = new LatencyTally();

  StageAggregate(Key key) {
    this.key = key;
  }

  /** One call that was a span: counted, timed exactly, placed in its window. */
  void addSpan(FinishedStage s) {
    addSpanTotals(s);
    timedCalls++;
    tally.add(s.wallNanos(), 1);
    maxNanos = Math.max(maxNanos, s.wallNanos());
    window(s.startEpochNanos, s.endEpochNanos);
  }

  /**
   * A call that stays a span beside this aggregate: in its totals (the analysis counts the
   * span's stage from the aggregate once the parent has one), not in its buckets or window.
   */
  void addSpanTotals(FinishedStage s) {
    // a sampled CPU figure is not a call's own (see EmbeddedReport.translate)
    cpu(s.cpuExact ? s.cpuNanos : -1);
    alloc(s.allocBytes);
    calls++;
    errors += s.error != null ? 1 : 0;
    wallNanos += s.wallNanos();
    records += s.records;
    bytes += s.bytes;
  }

  /** The folded calls of a summarised span's child stage, handed on to its ancestor. */
  void addFold(FoldSummary f) {
    cpu(f.cpuNanos);
    alloc(f.allocBytes);
    calls += f.calls;
    errors += f.errors;
    wallNanos += f.wallNanos;
    records += f.records;
    bytes += f.bytes;
    timedCalls += f.timedCalls;
    maxNanos = Math.max(maxNanos, f.maxNanos);
    tally.addAll(f.bucketNanos, f.bucketCounts);
    if (f.windowStartEpochNanos == 0) {
      windowKnown = false;
    } else {
      window(f.windowStartEpochNanos, f.windowEndEpochNanos);
    }
  }

  void merge(StageAggregate o) {
    if (o.calls == 0) {
      return;
    }
    cpu(o.cpuKnown ? o.cpuNanos : -1);
    alloc(o.allocKnown ? o.allocBytes : -1);
    calls += o.calls;
    errors += o.errors;
    wallNanos += o.wallNanos;
    records += o.records;
    bytes += o.bytes;
    timedCalls += o.timedCalls;
    maxNanos = Math.max(maxNanos, o.maxNanos);
    tally.addAll(o.tally);
    windowKnown &= o.windowKnown;
    if (o.windowStart <= o.windowEnd) {
      window(o.windowStart, o.windowEnd);
    }
  }

  /** The same calls under another key (rolled up to an ancestor, or merged by name). */
  StageAggregate rekeyed(Key k) {
    StageAggregate a = new StageAggregate(k);
    a.merge(this);
    return a;
  }

  private void cpu(long nanos) {
    cpuKnown &= nanos >= 0;
    cpuNanos += Math.max(0, nanos);
  }

  private void alloc(long bytes) {
    allocKnown &= bytes >= 0;
    allocBytes += Math.max(0, bytes);
  }

  private void window(long start, long end) {
    windowStart = Math.min(windowStart, start);
    windowEnd = Math.max(windowEnd, end);
  }

  /** As the analysis reads it; {@code within} and names resolved through the registry. */
  FoldedAggregate toFolded() {
    boolean window = windowKnown && windowStart <= windowEnd;
    long[] values = tally.values();
    return new FoldedAggregate(StageRegistry.stage(key.stageId()).name, calls, errors,
        wallNanos, cpuKnown ? cpuNanos : -1, allocKnown ? allocBytes : -1, records, bytes,
        tally.percentile(50),
        tally.percentile(99), maxNanos,
        key.withinStageId() < 0 ? "" : StageRegistry.stage(key.withinStageId()).name,
        timedCalls, LatencyBuckets.of(values, tally.counts()), key.threadId(),
        window ? windowStart : 0, window ? windowEnd : 0);
  }
}
