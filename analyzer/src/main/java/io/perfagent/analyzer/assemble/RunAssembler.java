package io.perfagent.analyzer.assemble;

import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analyzer.internal.Worker;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import io.perfagent.analyzer.translate.IncomingSpan;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Assembles runs on one thread of its own, which owns every open trace (no locks).
 *
 * <p>Spans of a trace arrive in any order, from any number of processes and batches. A trace
 * closes when its root has arrived (the agent exports a span when it ends, so the root's
 * arrival means the run ended) and no span of it has arrived for the quiet period; it then
 * goes to the analysis as one run, its id the trace id. A span arriving later for a closed
 * run re-opens it with every span it had (from a small cache of recently closed runs, else
 * from the history), and it is analysed again as the run's next version. A span id seen
 * before is stored once.
 *
 * <p>Bounds: at most {@code maxOpenTraces} open traces (past it the trace that has been quiet
 * longest is analysed as it stands if its root came, else dropped), at most
 * {@code maxSpansPerTrace} spans per trace (roots besides); a trace whose root has not come
 * within {@link #DEFAULT_ROOTLESS_TIMEOUT} of quiet is dropped. Every drop is counted by cause.
 */
public final class RunAssembler {

  /** How long a trace without a root may stay quiet before it is dropped. */
  public static final Duration DEFAULT_ROOTLESS_TIMEOUT = Duration.ofMinutes(10);
  /** Spans of recently closed runs kept for late spans, before the history is asked. */
  static final int RECENT_SPANS = 200_000;

  private final IngestQueue queue;
  private final PriorRuns history;
  private final RunSink sink;
  private final AnalyzerMetrics metrics;
  private final long quietNanos;
  private final long rootlessNanos;
  private final int maxOpenTraces;
  private final int maxSpansPerTrace;
  private final LongSupplier clock;
  // access order: the trace that has been quiet longest comes first
  private final LinkedHashMap<String, OpenTrace> open = new LinkedHashMap<>(64, 0.75f, true);
  private final RecentRuns recent = new RecentRuns(RECENT_SPANS);
  private volatile int openCount;
  private final Worker worker;

  public RunAssembler(IngestQueue queue, PriorRuns history, RunSink sink,
      AnalyzerMetrics metrics, Duration quietPeriod, int maxOpenTraces, int maxSpansPerTrace) {
    this(queue, history, sink, metrics, quietPeriod, DEFAULT_ROOTLESS_TIMEOUT, maxOpenTraces,
        maxSpansPerTrace, System::nanoTime);
  }

  RunAssembler(IngestQueue queue, PriorRuns history, RunSink sink, AnalyzerMetrics metrics,
      Duration quietPeriod, Duration rootless, int maxOpenTraces, int maxSpansPerTrace,
      LongSupplier clock) {
    this.queue = queue;
    this.history = history;
    this.sink = sink;
    this.metrics = metrics;
    this.quietNanos = quietPeriod.toNanos();
    this.rootlessNanos = Math.max(rootless.toNanos(), quietNanos);
    this.maxOpenTraces = maxOpenTraces;
    this.maxSpansPerTrace = maxSpansPerTrace;
    this.clock = clock;
    long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(quietNanos / 4,
        TimeUnit.MILLISECONDS.toNanos(100)));
    this.worker = new Worker("perf-analyzer-assembler", () -> {
      List<IncomingSpan> batch = queue.poll(tick, TimeUnit.NANOSECONDS);
      if (batch != null) {
        accept(batch);
      }
      closeQuiet(clock.getAsLong());
      return batch != null;
    }, this::closeAll);
  }

  /** Traces being assembled now. */
  public int openTraces() {
    return openCount;
  }

  public void start() {
    worker.start();
  }

  /**
   * Drains: takes what is queued, closes every trace whose root came (analysed as it stands),
   * drops the rest (counted), and returns once all of it went to the analysis, or the wait
   * ran out.
   */
  public void stop(Duration wait) {
    worker.stop(wait);
  }

  /** Adds a batch of spans; package-private for tests that drive the assembler directly. */
  void accept(List<IncomingSpan> batch) throws InterruptedException {
    long now = clock.getAsLong();
    for (IncomingSpan in : batch) {
      StageSpan s = in.span();
      OpenTrace t = open.get(s.traceId());
      if (t == null) {
        t = openTrace(s.traceId(), now);
      }
      // any arrival counts against the quiet period, and keeps the access order (the map's
      // get above) the order of arrival that closeQuiet relies on
      t.lastArrivalNanos = now;
      switch (t.add(s, in.service(), in.instance(), maxSpansPerTrace)) {
        case NEW -> metrics.resourceSamplesDropped(t.carry(in.timeline(), in.instance()));
        case DUPLICATE -> metrics.dropped(AnalyzerMetrics.DROPPED_DUPLICATE, 1);
        case OVER_BOUND -> metrics.dropped(AnalyzerMetrics.DROPPED_SPANS_PER_TRACE, 1);
      }
    }
    openCount = open.size();
  }

  private OpenTrace openTrace(String traceId, long now) throws InterruptedException {
    if (open.size() >= maxOpenTraces) {
      Iterator<OpenTrace> oldest = open.values().iterator();
      OpenTrace victim = oldest.next();
      oldest.remove();
      if (victim.hasRoot()) {
        metrics.runClosedEarly();
        close(victim, true);
      } else {
        metrics.dropped(AnalyzerMetrics.DROPPED_OPEN_TRACES, victim.size());
      }
    }
    PriorRuns.Prior prior = recent.find(traceId);
    if (prior == null) {
      prior = history.find(traceId);
    }
    OpenTrace t = new OpenTrace(traceId, prior, now);
    open.put(traceId, t);
    return t;
  }

  /** Closes the traces whose root came and that have been quiet for the quiet period. */
  void closeQuiet(long now) throws InterruptedException {
    Iterator<Map.Entry<String, OpenTrace>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      OpenTrace t = it.next().getValue();
      long quiet = now - t.lastArrivalNanos;
      if (quiet < quietNanos) {
        break; // access order: the rest arrived later
      }
      if (t.hasRoot()) {
        it.remove();
        close(t, false);
      } else if (quiet >= rootlessNanos) {
        it.remove();
        metrics.dropped(AnalyzerMetrics.DROPPED_NO_ROOT, t.size());
      }
    }
    openCount = open.size();
  }

  private void closeAll() throws InterruptedException {
    for (OpenTrace t : open.values()) {
      if (t.hasRoot()) {
        close(t, true);
      } else {
        metrics.dropped(AnalyzerMetrics.DROPPED_SHUTDOWN, t.size());
      }
    }
    open.clear();
    openCount = 0;
  }

  private void close(OpenTrace t, boolean early) throws InterruptedException {
    if (!t.changed()) {
      return; // a re-opened run that got only spans it had: nothing new to analyse
    }
    ClosedRun run = t.close(early);
    recent.put(run);
    sink.submit(run);
  }

  /** Recently closed runs by trace id, bounded in spans, oldest out first. */
  private static final class RecentRuns {
    private final int maxSpans;
    private final LinkedHashMap<String, ClosedRun> runs = new LinkedHashMap<>();
    private long spans;

    RecentRuns(int maxSpans) {
      this.maxSpans = maxSpans;
    }

    void put(ClosedRun run) {
      ClosedRun old = runs.remove(run.runId());
      if (old != null) {
        spans -= old.spans().size();
      }
      runs.put(run.runId(), run);
      spans += run.spans().size();
      Iterator<ClosedRun> it = runs.values().iterator();
      while (spans > maxSpans && it.hasNext()) {
        ClosedRun r = it.next();
        it.remove();
        spans -= r.spans().size();
      }
    }

    PriorRuns.Prior find(String traceId) {
      ClosedRun r = runs.get(traceId);
      return r == null ? null
          : new PriorRuns.Prior(r.version(), r.spans(), r.services(), r.instances(), r.carried());
    }
  }
}
