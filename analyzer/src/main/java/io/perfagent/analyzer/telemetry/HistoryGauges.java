package io.perfagent.analyzer.telemetry;

import io.perfagent.analyzer.store.Finding;
import io.perfagent.analyzer.store.HistoryStore;
import io.perfagent.analyzer.store.StoreException;
import io.perfagent.analyzer.store.StoredAlert;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics.Labelled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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
 * leaves the last values. At most {@link #MAX_SERIES} samples per family; how many more a
 * family had is {@code perf_analyzer_history_series_left_out{family}}.
 */
public final class HistoryGauges {

  static final long TTL_MILLIS = 2_000;
  static final int MAX_SERIES = 1_000;

  private record Snapshot(long atMillis, List<Labelled> alerts, List<Labelled> regressions,
      List<Labelled> bottlenecks, List<Labelled> walls, List<Labelled> leftOut) {}

  private final HistoryStore store;
  private final AnalyzerMetrics metrics;
  private final LongSupplier clock;
  private Snapshot snapshot = new Snapshot(Long.MIN_VALUE / 2, List.of(), List.of(), List.of(),
      List.of(), List.of());

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
    metrics.labelledGauge("perf_analyzer_history_series_left_out",
        "Samples left out of a history gauge family at its last read (past " + MAX_SERIES
            + " per family)",
        List.of("family"), () -> g.snapshot().leftOut);
  }

  private synchronized Snapshot snapshot() {
    long now = clock.getAsLong();
    if (now - snapshot.atMillis < TTL_MILLIS) {
      return snapshot;
    }
    try {
      List<Labelled> leftOut = new ArrayList<>();
      snapshot = new Snapshot(now,
          capped("alert", store.alerts(StoredAlert.ACTIVE, null), a -> null,
              a -> new Labelled(1, List.of(a.pipeline(), a.subject(), a.metric(), a.level(),
                  a.state())), leftOut),
          // newest first: the first finding of each series is its newest
          capped("regression_change", store.regressions(null, null),
              r -> r.pipeline() + '\u0000' + r.stage() + '\u0000' + r.metric(),
              r -> new Labelled(r.change(), List.of(r.pipeline(), r.stage(), r.metric(),
                  r.direction())), leftOut),
          capped("pipeline_bottleneck_share", store.latestFindings(Finding.BOTTLENECK),
              f -> f.pipeline() + '\u0000' + f.stage() + '\u0000' + f.category(),
              f -> new Labelled(f.share(), List.of(f.pipeline(), f.stage(), f.category())),
              leftOut),
          capped("pipeline_last_run_wall_seconds", store.pipelines(), p -> null,
              p -> new Labelled(p.lastWallNanos() / 1e9, List.of(p.name())), leftOut),
          leftOut);
    } catch (StoreException | RuntimeException e) {
      metrics.dbError();
      snapshot = new Snapshot(now, snapshot.alerts, snapshot.regressions, snapshot.bottlenecks,
          snapshot.walls, snapshot.leftOut);
    }
    return snapshot;
  }

  /**
   * One sample per row (per distinct {@code series} key when it gives one, the first row of
   * each), at most {@link #MAX_SERIES}; how many more there were goes to {@code leftOut}
   * under the family's name, so a cut is seen on the scrape itself.
   */
  static <T> List<Labelled> capped(String family, List<T> rows, Function<T, String> series,
      Function<T, Labelled> sample, List<Labelled> leftOut) {
    List<Labelled> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int over = 0;
    for (T row : rows) {
      String key = series.apply(row);
      if (key != null && !seen.add(key)) {
        continue;
      }
      if (out.size() < MAX_SERIES) {
        out.add(sample.apply(row));
      } else {
        over++;
      }
    }
    leftOut.add(new Labelled(over, List.of(family)));
    return out;
  }
}
