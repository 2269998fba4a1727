package io.perfagent.analyzer.regress;

import io.perfagent.analyzer.analyse.AnalysedRun;
import io.perfagent.analyzer.analyse.RunListener;
import io.perfagent.analyzer.internal.Worker;
import io.perfagent.analyzer.store.HistoryStore;
import io.perfagent.analyzer.store.Regression;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Tests a pipeline's history for changes after each of its runs is stored, on a thread of its
 * own: the analysis thread only marks the pipeline dirty (a set, so a burst of runs of one
 * pipeline costs one detection, and bounded by {@link #MAX_DIRTY} pipelines), and a pipeline
 * is checked at most once per {@link #MIN_INTERVAL_MS}: under a stream of runs of one pipeline
 * (50 a second in the ingest benchmark) a check per run took a fifth of the analyzer's CPU,
 * and a finding a second later changes nothing. Each detection
 * reads the pipeline's last {@code window} runs' stage rows, finds the changes
 * ({@link ChangePoints}), and stores them through {@link RegressionFinder}, which matches a
 * re-detection to the stored finding of the same change. A failure is logged in one line and
 * counted; the thread goes on.
 */
public final class RegressionMonitor implements RunListener {

  /** Pipelines waiting for a detection; more are dropped (and counted) until it drains. */
  static final int MAX_DIRTY = 10_000;
  /** The least time between two detections of one pipeline. */
  static final long MIN_INTERVAL_MS = 1_000;

  private final HistoryStore store;
  private final AnalyzerMetrics metrics;
  private final int window;
  private final RegressionFinder finder;
  private final LongSupplier clock;
  private final LinkedHashSet<String> dirty = new LinkedHashSet<>();
  /** When each recently checked pipeline was checked last; only the worker thread uses it. */
  private final Map<String, Long> lastChecked = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_DIRTY;
    }
  };
  private final Worker worker;
  /** Pipelines already told that some of their stages are not tested; the worker's own. */
  private final Set<String> toldStagesLeftOut = new HashSet<>();

  /** @param window runs of history each detection looks at */
  public RegressionMonitor(HistoryStore store, AnalyzerMetrics metrics, int window,
      ChangePoints.Options options) {
    this(store, metrics, window, options, System::currentTimeMillis);
  }

  RegressionMonitor(HistoryStore store, AnalyzerMetrics metrics, int window,
      ChangePoints.Options options, LongSupplier clock) {
    this.store = store;
    this.metrics = metrics;
    this.window = window;
    this.finder = new RegressionFinder(options);
    this.clock = clock;
    this.worker = new Worker("perf-analyzer-regressions", this::step, () -> { });
  }

  @Override
  public void runStored(AnalysedRun run) {
    mark(run.pipeline());
  }

  /** Asks for a detection of {@code pipeline}'s history. */
  public void mark(String pipeline) {
    synchronized (dirty) {
      if (dirty.size() >= MAX_DIRTY && !dirty.contains(pipeline)) {
        metrics.historyDropped("regressions");
        return;
      }
      dirty.add(pipeline);
      dirty.notifyAll();
    }
  }

  public void start() {
    worker.start();
  }

  /** Detects what is marked, then stops; waits at most {@code wait}. */
  public void stop(Duration wait) {
    worker.stop(wait);
  }

  private boolean step() throws InterruptedException {
    String pipeline = null;
    synchronized (dirty) {
      if (dirty.isEmpty()) {
        dirty.wait(200);
      }
      if (dirty.isEmpty()) {
        return false;
      }
      long now = clock.getAsLong();
      long soonest = Long.MAX_VALUE;
      for (Iterator<String> it = dirty.iterator(); it.hasNext(); ) {
        String p = it.next();
        long ready = lastChecked.getOrDefault(p, Long.MIN_VALUE / 2) + MIN_INTERVAL_MS;
        if (ready <= now) {
          pipeline = p;
          it.remove();
          break;
        }
        soonest = Math.min(soonest, ready);
      }
      if (pipeline == null) {
        dirty.wait(Math.max(1, Math.min(200, soonest - now)));
        return true; // work is waiting: a stop drains it first
      }
    }
    lastChecked.put(pipeline, clock.getAsLong());
    detect(pipeline);
    return true;
  }

  /** Once per pipeline: the stages past {@link SeriesReader#MAX_STAGES} are not tested. */
  private void sayStagesLeftOut(String pipeline, int n) {
    if (n > 0 && toldStagesLeftOut.size() < MAX_DIRTY && toldStagesLeftOut.add(pipeline)) {
      System.err.println("perf-analyzer: pipeline " + pipeline + " has " + n + " stages past the "
          + SeriesReader.MAX_STAGES + " (newest first) whose series are tested for regressions;"
          + " those are not tested");
    }
  }

  /** One pipeline's detection; true when it wrote findings. Never throws. */
  boolean detect(String pipeline) {
    try {
      List<Series> series = SeriesReader.read(pipeline, store.stageRows(pipeline, window),
          n -> sayStagesLeftOut(pipeline, n));
      List<Regression> found = finder.find(series, store.regressions(pipeline, null),
          (runId, start) -> store.countRuns(pipeline, Long.MIN_VALUE, start) + 1,
          clock.getAsLong());
      for (Regression r : found) {
        store.saveRegression(r);
      }
      return !found.isEmpty();
    } catch (Exception e) {
      // a bad history or a database away: this pipeline waits for its next run
      metrics.historyError("regressions");
      System.err.println("perf-analyzer: regression check of pipeline " + pipeline
          + " failed: " + e);
      return false;
    }
  }
}
