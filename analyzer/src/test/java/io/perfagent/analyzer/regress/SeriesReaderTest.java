package io.perfagent.analyzer.regress;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analyzer.store.StageRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The series of a pipeline's stage rows: values per run, oldest first, and their floors. */
class SeriesReaderTest {

  private static final long MS = 1_000_000L;

  /** Run {@code n}: stage {@code s}, 2 calls of 20 ms wall, 60 µs CPU and 4 KiB each. */
  private static StageRow row(int n, String stage, long records) {
    return new StageRow("run" + n, 1, "p", n * 1000L, 45 * MS, stage, 2, 0, 40 * MS, 40 * MS,
        120_000, 8192, records, 20 * MS, 21 * MS, 22 * MS, 22 * MS, 0.9, 0.95, 1);
  }

  @Test
  void seriesPerMetricOldestFirstWithFloors() {
    List<StageRow> rows = new ArrayList<>();
    for (int n = 3; n >= 1; n--) { // the store's order: newest first
      rows.add(row(n, "score", 100));
      rows.add(row(n, "idle", 0));
    }
    List<Series> all = SeriesReader.read("p", rows);
    Series wall = find(all, "", SeriesMetric.WALL);
    assertThat(wall.values()).containsExactly(45e6, 45e6, 45e6);
    assertThat(wall.runIds()).containsExactly("run1", "run2", "run3");
    assertThat(find(all, "score", SeriesMetric.P95).values()).containsExactly(21e6, 21e6, 21e6);
    Series cpu = find(all, "score", SeriesMetric.CPU);
    assertThat(cpu.values()).containsExactly(60_000, 60_000, 60_000);
    assertThat(cpu.minAbsoluteChange()).isEqualTo(0.01 * 20e6); // 1 % of the wall per call
    assertThat(find(all, "score", SeriesMetric.ALLOC).values()).containsExactly(4096, 4096, 4096);
    assertThat(find(all, "score", SeriesMetric.THROUGHPUT).values())
        .containsExactly(2500, 2500, 2500); // 100 records in 40 ms
    assertThat(find(all, "score", SeriesMetric.CRITICAL_PATH_SHARE).minAbsoluteChange())
        .isEqualTo(0.01);
    assertThat(find(all, "score", SeriesMetric.P50).minAbsoluteChange()).isZero();
    assertThat(all).noneMatch(s -> s.stage().equals("idle")
        && s.metric() == SeriesMetric.THROUGHPUT); // no records: no throughput
  }

  @Test
  void theSameNumbersAreOneSeries() {
    List<StageRow> rows = new ArrayList<>();
    for (int n = 3; n >= 1; n--) {
      long wall = (40 + n) * MS;
      // the root, called once: p50 = p95 = the run's wall; a stage called once: p50 = p95
      rows.add(new StageRow("run" + n, 1, "p", n * 1000L, wall, "root", 1, 0, wall, MS,
          wall / 2, 0, 0, wall, wall, wall, wall, 0.1, 1, 1));
      rows.add(new StageRow("run" + n, 1, "p", n * 1000L, wall, "once", 1, 0, 30 * MS,
          30 * MS, 30 * MS, 0, 0, (30 + n) * MS, (30 + n) * MS, (30 + n) * MS, (30 + n) * MS,
          0.9, 0.9, 1));
      rows.add(new StageRow("run" + n, 1, "p", n * 1000L, wall, "twin", 1, 0, 30 * MS,
          30 * MS, 30 * MS, 0, 0, (30 + n) * MS, (30 + n) * MS, (30 + n) * MS, (30 + n) * MS,
          0.9, 0.9, 1));
    }
    List<Series> all = SeriesReader.read("p", rows);
    assertThat(all).noneMatch(s -> s.stage().equals("root")
        && (s.metric() == SeriesMetric.P50 || s.metric() == SeriesMetric.P95));
    assertThat(find(all, "once", SeriesMetric.P50).values()).hasSize(3);
    assertThat(all).noneMatch(s -> s.stage().equals("once") && s.metric() == SeriesMetric.P95);
    // another stage that happens to measure alike is still a series of its own
    assertThat(find(all, "twin", SeriesMetric.P50).values()).hasSize(3);
  }

  @Test
  void stagesPastTheBoundAreToldNotDroppedSilently() {
    List<StageRow> rows = new ArrayList<>();
    for (int i = 0; i < SeriesReader.MAX_STAGES + 2; i++) {
      rows.add(row(1, "s" + i, 0));
    }
    int[] told = {-1};
    List<Series> all = SeriesReader.read("p", rows, n -> told[0] = n);
    assertThat(told[0]).isEqualTo(2);
    assertThat(all.stream().map(Series::stage).filter(st -> !st.isEmpty()).distinct())
        .hasSize(SeriesReader.MAX_STAGES);
  }

  private static Series find(List<Series> all, String stage, SeriesMetric m) {
    return all.stream().filter(s -> s.stage().equals(stage) && s.metric() == m).findFirst()
        .orElseThrow(() -> new AssertionError(stage + " " + m + " in " + all));
  }
}
