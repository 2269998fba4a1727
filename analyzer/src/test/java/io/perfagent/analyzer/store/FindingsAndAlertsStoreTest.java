package io.perfagent.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions and alerts in the SQLite history: they read back after a restart, an update
 * keeps the id and detection time, filters, the stamp that changes with every write, and
 * retention.
 */
class FindingsAndAlertsStoreTest {

  private static final long S = 1_000_000_000L;

  @TempDir
  Path dir;

  private static Regression finding(String pipeline, String direction, long startNanos,
      long detected, int runsAfter) {
    return new Regression(0, pipeline, "score", "p50", direction,
        direction.equals(Regression.REGRESSION) ? 0.38 : -0.2, 2.1e7, 2.9e7, "ns", 0.003, 12,
        runsAfter, "run-" + startNanos, 41, startNanos, detected, detected, "score p50 …");
  }

  private static StoredAlert alert(String pipeline, String subject) {
    return new StoredAlert(0, pipeline, subject, "p95", "p95<25ms/35ms", "warning",
        StoredAlert.OPEN, 3.1e7, 2.5e7, "ns", 100, 100, null, null, null, "r1",
        subject + " p95 31.0 ms over 25 ms (warning)");
  }

  @Test
  void regressionsReadBackAndAnUpdateKeepsIdAndDetection() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("h.db");
    long id;
    try (JdbcHistoryStore s = JdbcHistoryStore.open(url)) {
      long stamp = s.alertsStamp();
      Regression r = s.saveRegression(finding("orders", Regression.REGRESSION, 50 * S, 1000, 5));
      assertThat(r.id()).isPositive();
      assertThat(s.alertsStamp()).isNotEqualTo(stamp);
      s.saveRegression(finding("orders", Regression.IMPROVEMENT, 60 * S, 2000, 5));
      s.saveRegression(finding("other", Regression.REGRESSION, 60 * S, 3000, 5));
      stamp = s.alertsStamp();
      Regression later = finding("orders", Regression.REGRESSION, 51 * S, 9000, 7).updating(r);
      s.saveRegression(later);
      assertThat(s.alertsStamp()).isNotEqualTo(stamp);
      id = r.id();
    }
    try (JdbcHistoryStore s = JdbcHistoryStore.open(url)) {
      assertThat(s.regressions(null, null)).extracting(Regression::pipeline)
          .containsExactly("other", "orders", "orders"); // newest detection first
      Regression back = s.regressions("orders", Regression.REGRESSION).get(0);
      assertThat(back.id()).isEqualTo(id);
      assertThat(back.detectedMillis()).isEqualTo(1000);
      assertThat(back.updatedMillis()).isEqualTo(9000);
      assertThat(back.runsAfter()).isEqualTo(7);
      assertThat(back.startRunStartNanos()).isEqualTo(51 * S);
      assertThat(back).isEqualTo(finding("orders", Regression.REGRESSION, 51 * S, 9000, 7)
          .updating(new Regression(id, "", "", "", "", 0, 0, 0, "", 0, 0, 0, "", 0, 0, 1000, 0,
              "")));
      assertThat(s.regressions("orders", Regression.IMPROVEMENT)).hasSize(1);
      assertThat(s.regressions("nope", null)).isEmpty();
    }
  }

  @Test
  void alertsFilterByStateAndPipelineAndRetentionKeepsTheActiveOnes() throws Exception {
    try (JdbcHistoryStore s = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("a.db"))) {
      StoredAlert a = s.openAlert(alert("orders", "stage:score"));
      StoredAlert b = s.openAlert(alert("orders", "stage:parse"));
      StoredAlert c = s.openAlert(alert("", "resource:cpu"));
      assertThat(a.state()).isEqualTo(StoredAlert.OPEN);
      assertThat(a.resolvedMillis()).isNull();
      s.ackAlert(b.id(), "alice", 200);
      s.resolveAlert(c.id(), 300);
      assertThat(s.alerts(StoredAlert.ACTIVE, null)).extracting(StoredAlert::id)
          .containsExactlyInAnyOrder(a.id(), b.id());
      assertThat(s.alerts(StoredAlert.ACKNOWLEDGED, "orders")).extracting(StoredAlert::ackedBy)
          .containsExactly("alice");
      assertThat(s.alerts(StoredAlert.RESOLVED, null)).extracting(StoredAlert::resolvedMillis)
          .containsExactly(300L);
      assertThat(s.alerts(null, "")).extracting(StoredAlert::id).containsExactly(c.id());
      s.resolveAlert(c.id(), 999); // resolving twice changes nothing
      assertThat(s.alert(c.id()).resolvedMillis()).isEqualTo(300);

      s.saveRegression(finding("orders", Regression.REGRESSION, 5 * S, 1, 5));
      s.saveRegression(finding("orders", Regression.REGRESSION, 500 * S, 1, 5));
      s.deleteStartedBefore(100 * S); // 100 s: the alert resolved at 300 ms goes too
      assertThat(s.regressions(null, null)).extracting(Regression::startRunStartNanos)
          .containsExactly(500 * S);
      assertThat(s.alerts(null, null)).extracting(StoredAlert::id)
          .containsExactlyInAnyOrder(a.id(), b.id());
    }
  }
}
