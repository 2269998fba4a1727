package io.perfagent.analyzer.regress;

import io.perfagent.analyzer.store.StageRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Turns a pipeline's stage rows (the history's export) into the series the detection tests:
 * the run wall time, and per stage p50, p95, CPU and allocation per call, throughput (a stage
 * without records has none) and critical-path share. A stage is followed over the runs it
 * appears in; at most {@link #MAX_STAGES} stages per pipeline, those of the newest run first.
 *
 * <p>Two series get an absolute floor besides the relative minimum, because small values
 * change by large ratios for no reason worth saying: a critical-path share must move by
 * {@link #MIN_SHARE_CHANGE} (a stage off the path going from 0.5 % to 0.65 %), and the CPU per
 * call by {@link #MIN_CPU_SHARE_OF_WALL} of the stage's wall per call (a stage that sleeps 20
 * ms and spends 65 µs or 90 µs of CPU on waking up). A series equal to an earlier one over the
 * same runs (p95 of a stage called once a run, the root's p50 against the run wall) is left
 * out.
 */
final class SeriesReader {

  static final int MAX_STAGES = 200;
  static final double MIN_SHARE_CHANGE = 0.01;
  static final double MIN_CPU_SHARE_OF_WALL = 0.01;

  private SeriesReader() {}

  /** The series of one pipeline's rows, in any order. */
  static List<Series> read(String pipeline, List<StageRow> rows) {
    return read(pipeline, rows, n -> { });
  }

  /**
   * The series of one pipeline's rows, in any order; {@code stagesLeftOut} is told how many
   * stages past {@link #MAX_STAGES} were not followed.
   */
  static List<Series> read(String pipeline, List<StageRow> rows, IntConsumer stagesLeftOut) {
    List<StageRow> ordered = new ArrayList<>(rows);
    // newest first for the stage order, then oldest first for the values
    ordered.sort(Comparator.comparingLong(StageRow::runStartNanos).reversed()
        .thenComparing(StageRow::runId));
    Map<String, List<StageRow>> byStage = new LinkedHashMap<>();
    Map<String, StageRow> runs = new LinkedHashMap<>();
    Set<String> leftOut = new HashSet<>();
    for (StageRow r : ordered) {
      runs.putIfAbsent(r.runId(), r);
      if (byStage.containsKey(r.stage()) || byStage.size() < MAX_STAGES) {
        byStage.computeIfAbsent(r.stage(), k -> new ArrayList<>()).add(r);
      } else {
        leftOut.add(r.stage());
      }
    }
    stagesLeftOut.accept(leftOut.size());
    List<Series> out = new ArrayList<>();
    List<StageRow> runRows = new ArrayList<>(runs.values());
    out.add(series(pipeline, "", SeriesMetric.WALL, runRows));
    for (Map.Entry<String, List<StageRow>> e : byStage.entrySet()) {
      for (SeriesMetric m : SeriesMetric.values()) {
        if (m != SeriesMetric.WALL) {
          Series s = series(pipeline, e.getKey(), m, e.getValue());
          if (s.values().length > 0 && !repeats(s, out)) {
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  /**
   * True when an earlier series of the same stage, or the run wall, holds the same numbers over
   * the same runs: a stage called once
   * a run has its p50 equal to its p95, and the root stage's equal to the run's wall time. One
   * change of those is one finding, not three.
   */
  private static boolean repeats(Series s, List<Series> earlier) {
    for (Series e : earlier) {
      // the same stage, or the run's wall: two stages measured alike stay two series
      if ((e.stage().equals(s.stage()) || e.stage().isEmpty())
          && e.metric().unit().equals(s.metric().unit()) && Arrays.equals(e.values(), s.values())
          && e.runIds().equals(s.runIds())) {
        return true;
      }
    }
    return false;
  }

  /** {@code rows} newest first; the series oldest first, without runs that have no value. */
  private static Series series(String pipeline, String stage, SeriesMetric m,
      List<StageRow> rows) {
    List<Double> values = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    for (int i = rows.size() - 1; i >= 0; i--) {
      StageRow r = rows.get(i);
      double v = value(m, r);
      if (Double.isFinite(v)) {
        values.add(v);
        ids.add(r.runId());
        starts.add(r.runStartNanos());
      }
    }
    double[] v = new double[values.size()];
    long[] s = new long[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(i);
      s[i] = starts.get(i);
    }
    return new Series(pipeline, stage, m, v, ids, s, floor(m, rows));
  }

  private static double floor(SeriesMetric m, List<StageRow> rows) {
    if (m == SeriesMetric.CRITICAL_PATH_SHARE) {
      return MIN_SHARE_CHANGE;
    }
    if (m != SeriesMetric.CPU) {
      return 0;
    }
    double wallPerCall = 0;
    int n = 0;
    for (StageRow r : rows) {
      if (r.calls() > 0) {
        wallPerCall += (double) r.wallNanos() / r.calls();
        n++;
      }
    }
    return n == 0 ? 0 : MIN_CPU_SHARE_OF_WALL * wallPerCall / n;
  }

  /** The metric's value in one row, NaN when the row has none. */
  static double value(SeriesMetric m, StageRow r) {
    if (m == SeriesMetric.WALL) {
      return r.runWallNanos();
    }
    if (r.calls() <= 0) {
      return Double.NaN;
    }
    return switch (m) {
      case P50 -> r.p50Nanos();
      case P95 -> r.p95Nanos();
      case CPU -> (double) r.cpuNanos() / r.calls();
      case ALLOC -> (double) r.allocBytes() / r.calls();
      case THROUGHPUT -> r.records() <= 0 || r.wallNanos() <= 0 ? Double.NaN
          : r.records() / (r.wallNanos() / 1e9);
      case CRITICAL_PATH_SHARE -> r.criticalPathShare();
      default -> Double.NaN;
    };
  }
}
