package io.perfagent.analyzer.analyse;

import io.perfagent.analyzer.assemble.ClosedRun;
import io.perfagent.analyzer.assemble.RunSink;
import io.perfagent.analyzer.internal.Worker;
import io.perfagent.analyzer.store.HistoryStore;
import io.perfagent.analyzer.store.StoreException;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Analyses closed runs on one thread of its own and stores them. Its queue is short: while it
 * is full the assembler waits, the ingest queue fills, and the receivers tell clients to retry.
 */
public final class RunAnalyser implements RunSink {

  static final int QUEUE = 16;

  private final BlockingQueue<ClosedRun> queue = new ArrayBlockingQueue<>(QUEUE);
  private final HistoryStore store;
  private final AnalyzerMetrics metrics;
  private final ResourceTimelines resources;
  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
  private final Worker worker = new Worker("perf-analyzer-analysis", () -> {
    ClosedRun run = queue.poll(100, TimeUnit.MILLISECONDS);
    if (run != null) {
      process(run);
    }
    return run != null;
  }, () -> { });

  private final Analysis analysis;

  /** The analysis of one run; a seam for tests of what a failed analysis costs. */
  @FunctionalInterface
  interface Analysis {
    AnalysedRun analyse(ClosedRun run, long nowMillis, ResourceTimelines resources);
  }

  public RunAnalyser(HistoryStore store, AnalyzerMetrics metrics, ResourceTimelines resources) {
    this(store, metrics, resources, RunAnalysis::analyse);
  }

  RunAnalyser(HistoryStore store, AnalyzerMetrics metrics, ResourceTimelines resources,
      Analysis analysis) {
    this.store = store;
    this.metrics = metrics;
    this.resources = resources;
    this.analysis = analysis;
  }

  public void addListener(RunListener l) {
    listeners.add(l);
  }

  public int queued() {
    return queue.size();
  }

  @Override
  public void submit(ClosedRun run) throws InterruptedException {
    queue.put(run);
  }

  public void start() {
    worker.start();
  }

  /** Analyses what is queued, then stops; waits at most {@code wait}. */
  public void stop(Duration wait) {
    worker.stop(wait);
  }

  private void process(ClosedRun run) {
    long t0 = System.nanoTime();
    AnalysedRun analysed;
    try {
      analysed = analysis.analyse(run, System.currentTimeMillis(), resources);
    } catch (RuntimeException | StackOverflowError e) {
      lost(run, AnalyzerMetrics.DROPPED_ANALYSIS_FAILED);
      System.err.println("perf-analyzer: the analysis of run " + run.runId() + " failed: " + e);
      return;
    } catch (OutOfMemoryError e) {
      // what the analysis allocated is garbage now: the service goes on without this run
      lost(run, AnalyzerMetrics.DROPPED_ANALYSIS_FAILED);
      System.err.println("perf-analyzer: run " + run.runId() + " (" + run.spans().size()
          + " spans) did not fit in the heap for its analysis; give the analyzer more (-Xmx)"
          + " or lower --max-spans-per-trace");
      return;
    }
    if (analysed == null) {
      return;
    }
    try {
      store.save(analysed);
    } catch (StoreException e) {
      metrics.dbError();
      metrics.dropped(AnalyzerMetrics.DROPPED_NOT_STORED, run.spans().size());
      System.err.println("perf-analyzer: run " + run.runId() + " not stored: " + e.getMessage());
      return;
    }
    metrics.runAnalysed(System.nanoTime() - t0);
    for (RunListener l : listeners) {
      try {
        l.runStored(analysed);
      } catch (RuntimeException e) {
        System.err.println("perf-analyzer: a run listener failed: " + e);
      }
    }
  }

  private void lost(ClosedRun run, String cause) {
    metrics.analysisError();
    metrics.dropped(cause, run.spans().size());
  }
}
