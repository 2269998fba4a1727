package io.perfagent.analyzer.store;

import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Deletes runs older than the retention: at start, then every {@link #PERIOD}. */
public final class Retention {

  public static final Duration PERIOD = Duration.ofMinutes(10);

  private final HistoryStore store;
  private final Duration age;
  private final AnalyzerMetrics metrics;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "perf-analyzer-retention");
    t.setDaemon(true);
    return t;
  });

  public Retention(HistoryStore store, Duration age, AnalyzerMetrics metrics) {
    this.store = store;
    this.age = age;
    this.metrics = metrics;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::runOnce, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Deletes what is past the retention now; how many runs. */
  public int runOnce() {
    long cutoff = (System.currentTimeMillis() - age.toMillis()) * 1_000_000L;
    try {
      return store.deleteStartedBefore(cutoff);
    } catch (StoreException e) {
      metrics.dbError();
      System.err.println("perf-analyzer: retention: " + e.getMessage());
      return 0;
    }
  }

  public void stop() {
    timer.shutdownNow();
  }
}
