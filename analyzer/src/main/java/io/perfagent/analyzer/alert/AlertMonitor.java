package io.perfagent.analyzer.alert;

import io.perfagent.analysis.model.ResourceSample;
import io.perfagent.analysis.slo.SloConfig;
import io.perfagent.analyzer.analyse.AnalysedRun;
import io.perfagent.analyzer.analyse.ResourceTimelines;
import io.perfagent.analyzer.analyse.RunListener;
import io.perfagent.analyzer.internal.Worker;
import io.perfagent.analyzer.store.HistoryStore;
import io.perfagent.analyzer.store.RunSummary;
import io.perfagent.analyzer.store.StageRow;
import io.perfagent.analyzer.store.StoreException;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Evaluates the SLO rules on a thread of its own: each stored run (handed over as its
 * {@link RunFacts} through a queue of {@link #QUEUE} runs; a full queue drops the run's
 * evaluation and counts it), and every {@link #SERIES_PERIOD} the resource series received in
 * the last {@link #SERIES_SPAN} (a series silent for {@link #SERIES_STALE} resolves its alert;
 * one silent for less is left as it is). A failure is logged in one line and counted; the thread goes
 * on.
 */
public final class AlertMonitor implements RunListener {

  /** Pipeline rules (latency percentiles, error rate) look at this many newest runs. */
  public static final int PIPELINE_WINDOW = 20;
  public static final Duration SERIES_PERIOD = Duration.ofSeconds(10);
  public static final Duration SERIES_SPAN = Duration.ofMinutes(1);
  /** A resource series silent this long is no longer reported: its alert resolves. */
  public static final Duration SERIES_STALE = Duration.ofMinutes(5);
  static final int QUEUE = 256;

  private final HistoryStore store;
  private final AnalyzerMetrics metrics;
  private final SloConfig config;
  private final ResourceTimelines resources;
  private final LongSupplier clock;
  private final BlockingQueue<RunFacts> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Worker worker;
  /** Only the alert thread touches it. */
  private final BreachStreaks streaks;
  private long lastSeriesMillis;

  /**
   * @param after consecutive breaching evaluations of a condition before its alert opens
   */
  public AlertMonitor(HistoryStore store, AnalyzerMetrics metrics, SloConfig config,
      ResourceTimelines resources, int after) {
    this(store, metrics, config, resources, System::currentTimeMillis, after);
  }

  AlertMonitor(HistoryStore store, AnalyzerMetrics metrics, SloConfig config,
      ResourceTimelines resources, LongSupplier clock, int after) {
    this.streaks = new BreachStreaks(after);
    this.store = store;
    this.metrics = metrics;
    this.config = config;
    this.resources = resources;
    this.clock = clock;
    this.worker = new Worker("perf-analyzer-alerts", this::step, () -> { });
  }

  @Override
  public void runStored(AnalysedRun run) {
    if (!queue.offer(RunFacts.of(run, config))) {
      metrics.historyDropped("alerts");
    }
  }

  public void start() {
    lastSeriesMillis = clock.getAsLong();
    worker.start();
  }

  /** Evaluates what is queued, then stops; waits at most {@code wait}. */
  public void stop(Duration wait) {
    worker.stop(wait);
  }

  private boolean step() throws InterruptedException {
    RunFacts run = queue.poll(200, TimeUnit.MILLISECONDS);
    if (run != null) {
      evaluate(run);
    }
    long now = clock.getAsLong();
    if (now - lastSeriesMillis >= SERIES_PERIOD.toMillis()) {
      lastSeriesMillis = now;
      evaluateSeries(now);
    }
    return run != null;
  }

  /** One run's evaluation. Never throws. */
  void evaluate(RunFacts run) {
    try {
      List<RunSummary> recent = store.runs(run.pipeline(), Long.MIN_VALUE, Long.MAX_VALUE,
          PIPELINE_WINDOW, 0);
      long[] walls = new long[recent.size()];
      Set<String> roots = new HashSet<>();
      for (int i = 0; i < walls.length; i++) {
        walls[i] = recent.get(i).wallNanos();
        roots.add(recent.get(i).id() + '\u0000' + recent.get(i).rootStage());
      }
      long failed = 0;
      for (StageRow r : store.stageRows(run.pipeline(), PIPELINE_WINDOW)) {
        if (r.errors() > 0 && roots.contains(r.runId() + '\u0000' + r.stage())) {
          failed++;
        }
      }
      apply(AlertEvaluator.run(config, run, walls, failed));
    } catch (StoreException | RuntimeException e) {
      metrics.historyError("alerts");
      System.err.println("perf-analyzer: alert evaluation of run " + run.runId()
          + " failed: " + e);
    }
  }

  /** The resource series' evaluation. Never throws. */
  void evaluateSeries(long nowMillis) {
    try {
      long to = nowMillis * 1_000_000L;
      long from = to - SERIES_SPAN.toNanos();
      List<ResourceSample> samples = resources.recent(to - SERIES_STALE.toNanos());
      apply(AlertEvaluator.series(config, samples, from, to));
    } catch (StoreException | RuntimeException e) {
      metrics.historyError("alerts");
      System.err.println("perf-analyzer: alert evaluation of the resource series failed: " + e);
    }
  }

  private void apply(List<AlertCheck> checks) throws StoreException {
    AlertLifecycle.apply(store, checks, clock.getAsLong(), streaks);
  }
}
