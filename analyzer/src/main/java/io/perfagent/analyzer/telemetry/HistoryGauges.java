package io.perfagent.analyzer.telemetry;

import io.perfagent.analyzer.store.Finding;
import io.perfagent.analyzer.store.HistoryStore;
import io.perfagent.analyzer.store.PipelineSummary;
import io.perfagent.analyzer.store.Regression;
import io.perfagent.analyzer.store.StoreException;
import io.perfagent.analyzer.store.StoredAlert;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics.Labelled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the history says, as gauges Prometheus and Alertmanager can route on:
 *
 * <pre>
 * perf_analyzer_alert{pipeline,subject,metric,level,state}            1 per active alert
 * perf_analyzer_regression_change{pipeline,stage,metric,direction}    the signed change of the
 *                                                                     newest finding per series
 * perf_analyzer_pipeline_bottleneck_share{pipeline,stage,kind}        the newest run's bottlenecks
 * perf_analyzer_pipeline_last_run_wall_seconds{pipeline}
 * </pre>
 *
 * Read from the store at scrape time (so alerts written by another analyzer sharing the
 * database show too), at most once per {@link #TTL_MILLIS}; a store that does not answer
 * leaves the last values. At most {@link #MAX_SERIES} samples per family.
 */
public final class HistoryGauges {

  static final long TTL_MILLIS = 2_000;
  static final int MAX_SERIES = 1_000;

  private record Snapshot(long atMillis, List<Labelled> alerts, List<Labelled> regressions,
      List<Labelled> bottlenecks, List<Labelled> walls) {}

  private final HistoryStore store;
  private final AnalyzerMetrics metrics;
  private final LongSupplier clock;
  private Snapshot snapshot = new Snapshot(Long.MIN_VALUE / 2, List.of(), List.of(), List.of(),
      List.of());

  private HistoryGauges(HistoryStore store, AnalyzerMetrics metrics, LongSupplier clock) {
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Registers the four families with {@code metrics}. */
  public static void register(HistoryStore store, AnalyzerMetrics metrics) {
    HistoryGauges g = new HistoryGauges(store, metrics, System::currentTimeMillis);
    metrics.labelledGauge("perf_analyzer_alert", "Active SLO alerts (1 each)",
        List.of("pipeline", "subject", "metric", "level", "state"), () -> g.snapshot().alerts);
    metrics.labelledGauge("perf_analyzer_regression_change",
        "Relative change of the mean (after/before - 1) of the newest finding per series",
        List.of("pipeline", "stage", "metric", "direction"), () -> g.snapshot().regressions);
    metrics.labelledGauge("perf_analyzer_pipeline_bottleneck_share",
        "Critical-path share of each bottleneck of the pipeline's newest run",
        List.of("pipeline", "stage", "kind"), () -> g.snapshot().bottlenecks);
    metrics.labelledGauge("perf_analyzer_pipeline_last_run_wall_seconds",
        "Wall time of the pipeline's newest run", List.of("pipeline"), () -> g.snapshot().walls);
  }

  private synchronized Snapshot snapshot() {
    long now = clock.getAsLong();
    if (now - snapshot.atMillis < TTL_MILLIS) {
      return snapshot;
    }
    try {
      snapshot = new Snapshot(now, alerts(), regressions(), bottlenecks(), walls());
    } catch (StoreException | RuntimeException e) {
      metrics.dbError();
      snapshot = new Snapshot(now, snapshot.alerts, snapshot.regressions, snapshot.bottlenecks,
          snapshot.walls);
    }
    return snapshot;
  }

  private List<Labelled> alerts() throws StoreException {
    List<Labelled> out = new ArrayList<>();
    for (StoredAlert a : store.alerts(StoredAlert.ACTIVE, null)) {
      if (out.size() == MAX_SERIES) {
        break;
      }
      out.add(new Labelled(1, List.of(a.pipeline(), a.subject(), a.metric(), a.level(),
          a.state())));
    }
    return out;
  }

  private List<Labelled> regressions() throws StoreException {
    List<Labelled> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Regression r : store.regressions(null, null)) { // newest first: the first per series
      if (out.size() == MAX_SERIES) {
        break;
      }
      if (seen.add(r.pipeline() + '\u0000' + r.stage() + '\u0000' + r.metric())) {
        out.add(new Labelled(r.change(), List.of(r.pipeline(), r.stage(), r.metric(),
            r.direction())));
      }
    }
    return out;
  }

  private List<Labelled> bottlenecks() throws StoreException {
    List<Labelled> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Finding f : store.latestFindings(Finding.BOTTLENECK)) {
      if (out.size() == MAX_SERIES) {
        break;
      }
      if (seen.add(f.pipeline() + '\u0000' + f.stage() + '\u0000' + f.category())) {
          out.add(new Labelled(f.share(), List.of(f.pipeline(), f.stage(), f.category())));
      }
    }
    return out;
  }

  private List<Labelled> walls() throws StoreException {
    List<Labelled> out = new ArrayList<>();
    for (PipelineSummary p : store.pipelines()) {
      if (out.size() == MAX_SERIES) {
        break;
      }
      out.add(new Labelled(p.lastWallNanos() / 1e9, List.of(p.name())));
    }
    return out;
  }
}
