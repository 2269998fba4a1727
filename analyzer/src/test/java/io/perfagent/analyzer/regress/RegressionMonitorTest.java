package io.perfagent.analyzer.regress;

import static io.perfagent.analyzer.regress.HistoryRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.analyzer.store.JdbcHistoryStore;
import io.perfagent.analyzer.store.Regression;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import io.perfagent.analyzer.store.HistoryStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection over a real SQLite history: a slowdown of stage {@code work} from run 21 on is
 * found once, with its evidence, and kept (same id, same detection time) as more runs come
 * and after a restart; a noisy run is no finding.
 */
class RegressionMonitorTest {

  private static final long MS = 1_000_000L;

  @TempDir
  Path dir;

  private final Random random = new Random(11);

  private long jitter(long nanos) {
    return nanos + (long) (nanos * 0.01 * random.nextGaussian());
  }

  @Test
  void aPipelineIsCheckedAtMostOncePerInterval() throws Exception {
    long[] clock = {10_000};
    AtomicInteger checks = new AtomicInteger();
    try (JdbcHistoryStore real = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("r.db"))) {
      // the store stands in as itself, only counting the reads a detection starts with
      HistoryStore counted = (HistoryStore) Proxy.newProxyInstance(
          HistoryStore.class.getClassLoader(), new Class<?>[] {HistoryStore.class},
          (proxy, method, args) -> {
            if (method.getName().equals("stageRows")) {
              checks.incrementAndGet();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      RegressionMonitor m = new RegressionMonitor(counted, new AnalyzerMetrics(), 60,
          new ChangePoints.Options(5, 0.10, 0.01), () -> clock[0]);
      m.start();
      try {
        m.mark("p");
        await(() -> checks.get() == 1);
        m.mark("p"); // within the interval: waits, however often it is marked
        m.mark("p");
        Thread.sleep(600);
        assertThat(checks.get()).isEqualTo(1);
        clock[0] += RegressionMonitor.MIN_INTERVAL_MS;
        await(() -> checks.get() == 2);
        Thread.sleep(300);
        assertThat(checks.get()).as("the two marks made one check").isEqualTo(2);
      } finally {
        m.stop(Duration.ofSeconds(5));
      }
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void aSlowdownIsFoundOnceAndKept() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("h.db");
    long[] clock = {1_000};
    ChangePoints.Options options = new ChangePoints.Options(5, 0.10, 0.01);
    try (JdbcHistoryStore store = JdbcHistoryStore.open(url)) {
      RegressionMonitor m = new RegressionMonitor(store, new AnalyzerMetrics(), 60, options,
          () -> clock[0]);
      for (int n = 1; n <= 25; n++) {
        store.save(run(n, n == 6 ? 80 * MS : jitter(n >= 21 ? 30 * MS : 20 * MS)));
        m.detect("p");
        clock[0] += 1_000;
      }
      List<Regression> found = store.regressions("p", null);
      assertThat(found).noneMatch(r -> r.startRunNumber() == 6);
      Regression p50 = only(found, "work", "p50");
      assertThat(p50.direction()).isEqualTo(Regression.REGRESSION);
      assertThat(p50.startRunNumber()).isEqualTo(21);
      assertThat(p50.change()).isCloseTo(0.5, within(0.05));
      assertThat(p50.runsBefore()).isEqualTo(20);
      assertThat(p50.runsAfter()).isEqualTo(5);
      assertThat(p50.unit()).isEqualTo("ns");
      assertThat(p50.text()).matches("work p50 \\+\\d+ % from run 21 on \\(p = [0-9.e-]+; "
          + "20 runs before, 5 after\\)");
      Regression throughput = only(found, "work", "throughput");
      assertThat(throughput.direction()).isEqualTo(Regression.REGRESSION); // lower is worse
      assertThat(throughput.change()).isNegative();
      assertThat(only(found, "", "wall").text()).startsWith("pipeline wall +");
      long id = p50.id();
      long detected = p50.detectedMillis();
      for (int n = 26; n <= 28; n++) {
        store.save(run(n, jitter(30 * MS)));
        m.detect("p");
        clock[0] += 1_000;
      }
      Regression later = only(store.regressions("p", null), "work", "p50");
      assertThat(later.id()).isEqualTo(id);
      assertThat(later.detectedMillis()).isEqualTo(detected);
      assertThat(later.updatedMillis()).isGreaterThan(detected);
      assertThat(later.runsAfter()).isEqualTo(8);
    }
    try (JdbcHistoryStore store = JdbcHistoryStore.open(url)) { // a restart
      RegressionMonitor m = new RegressionMonitor(store, new AnalyzerMetrics(), 60, options,
          () -> clock[0]);
      store.save(run(29, jitter(30 * MS)));
      m.detect("p");
      Regression after = only(store.regressions("p", null), "work", "p50");
      assertThat(after.runsAfter()).isEqualTo(9);
      assertThat(store.regressions("p", Regression.REGRESSION)).filteredOn(
          r -> r.stage().equals("work") && r.metric().equals("p50")).hasSize(1);
    }
  }

  @Test
  void aFailingStoreIsCountedNotThrown() throws Exception {
    JdbcHistoryStore store = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("x.db"));
    store.close();
    Path gone = dir.resolve("x.db");
    java.nio.file.Files.delete(gone);
    java.nio.file.Files.createDirectory(gone); // the file is a directory now: every call fails
    AnalyzerMetrics metrics = new AnalyzerMetrics();
    RegressionMonitor m = new RegressionMonitor(store, metrics, 60,
        new ChangePoints.Options(5, 0.1, 0.01), () -> 0);
    assertThat(m.detect("p")).isFalse();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    metrics.write(out);
    assertThat(out.toString()).contains(
        "perf_analyzer_history_checks_failed_total{component=\"regressions\"} 1.0");
  }

  private static Regression only(List<Regression> found, String stage, String metric) {
    List<Regression> r = found.stream()
        .filter(f -> f.stage().equals(stage) && f.metric().equals(metric)).toList();
    assertThat(r).as("%s %s in %s", stage, metric, found).hasSize(1);
    return r.get(0);
  }
}
