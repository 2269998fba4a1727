package io.perfagent.analyzer.alert;

import static io.perfagent.analyzer.regress.HistoryRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analysis.slo.SloConfig;
import io.perfagent.analyzer.analyse.AnalysedRun;
import io.perfagent.analyzer.store.JdbcHistoryStore;
import io.perfagent.analyzer.store.StoredAlert;
import io.perfagent.analyzer.telemetry.AnalyzerMetrics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert's life over a real SQLite history, driven by runs of a stage under
 * {@code stage:work:p95<25ms/60ms}: opened by a breach, raised to critical, kept critical when
 * it eases, acknowledged (who and when kept), opened again when it gets worse after the
 * acknowledgement, resolved when a run meets the rule, and a new alert for a later breach.
 */
class AlertLifecycleTest {

  private static final long MS = 1_000_000L;

  @TempDir
  Path dir;

  private final SloConfig slo = SloConfig.parse("stage:work:p95<25ms/60ms");
  private long now = 1_000;
  private int runs;

  private void feed(AlertMonitor m, JdbcHistoryStore store, long workMillis) throws Exception {
    AnalysedRun r = run(++runs, workMillis * MS);
    store.save(r);
    now += 1_000;
    m.evaluate(RunFacts.of(r, slo));
  }

  private static StoredAlert work(JdbcHistoryStore store, String state) throws Exception {
    List<StoredAlert> a = store.alerts(state, "p").stream()
        .filter(x -> x.subject().equals("stage:work")).toList();
    assertThat(a).as("%s alerts of stage:work", state).hasSizeLessThanOrEqualTo(1);
    return a.isEmpty() ? null : a.get(0);
  }

  @Test
  void openRaiseEaseAckReopenResolveAndANewOne() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("h.db");
    try (JdbcHistoryStore store = JdbcHistoryStore.open(url)) {
      AlertMonitor m = new AlertMonitor(store, new AnalyzerMetrics(), slo, null, () -> now, 1);
      feed(m, store, 20);
      assertThat(store.alerts(null, null)).isEmpty();
      long stamp = store.alertsStamp();

      feed(m, store, 30); // warning
      StoredAlert open = work(store, StoredAlert.OPEN);
      assertThat(open.level()).isEqualTo("warning");
      assertThat(open.metric()).isEqualTo("p95");
      assertThat(open.rule()).isEqualTo("p95<25ms/60ms");
      assertThat(open.threshold()).isEqualTo(25e6);
      assertThat(open.unit()).isEqualTo("ns");
      assertThat(open.text()).isEqualTo("stage:work p95 30.0 ms over 25 ms (warning)");
      assertThat(open.firstSeenMillis()).isEqualTo(now);
      assertThat(store.alertsStamp()).isNotEqualTo(stamp);

      feed(m, store, 70); // critical: the same alert, raised
      StoredAlert raised = work(store, StoredAlert.OPEN);
      assertThat(raised.id()).isEqualTo(open.id());
      assertThat(raised.level()).isEqualTo("critical");
      assertThat(raised.firstSeenMillis()).isEqualTo(open.firstSeenMillis());
      assertThat(raised.lastSeenMillis()).isEqualTo(now);

      feed(m, store, 30); // eases to a warning: stays critical, evidence is the new breach
      StoredAlert eased = work(store, StoredAlert.OPEN);
      assertThat(eased.level()).isEqualTo("critical");
      assertThat(eased.value()).isEqualTo(30e6);
      assertThat(eased.text()).endsWith("(warning)");

      StoredAlert acked = store.ackAlert(open.id(), "alice", 5_000_000);
      assertThat(acked.state()).isEqualTo(StoredAlert.ACKNOWLEDGED);
      assertThat(acked.ackedBy()).isEqualTo("alice");
      assertThat(acked.ackedMillis()).isEqualTo(5_000_000);
      feed(m, store, 30); // still breaching: the acknowledgement holds
      assertThat(work(store, StoredAlert.ACKNOWLEDGED).ackedBy()).isEqualTo("alice");
    }
    try (JdbcHistoryStore store = JdbcHistoryStore.open(url)) { // a restart keeps it all
      AlertMonitor m = new AlertMonitor(store, new AnalyzerMetrics(), slo, null, () -> now, 1);
      StoredAlert kept = work(store, StoredAlert.ACKNOWLEDGED);
      assertThat(kept.ackedBy()).isEqualTo("alice");

      feed(m, store, 20); // met: resolved
      StoredAlert resolved = work(store, StoredAlert.RESOLVED);
      assertThat(resolved.id()).isEqualTo(kept.id());
      assertThat(resolved.resolvedMillis()).isEqualTo(now);
      assertThat(resolved.ackedBy()).isEqualTo("alice");
      assertThat(store.alerts(StoredAlert.ACTIVE, "p")).isEmpty();
      assertThat(store.ackAlert(kept.id(), "bob", 1).state()).isEqualTo(StoredAlert.RESOLVED);
      assertThat(store.ackAlert(999, "bob", 1)).isNull();

      feed(m, store, 30); // a later breach: a new alert
      StoredAlert again = work(store, StoredAlert.OPEN);
      assertThat(again.id()).isNotEqualTo(kept.id());
      assertThat(again.level()).isEqualTo("warning");
      store.ackAlert(again.id(), "carol", 7);
      feed(m, store, 70); // worse after the acknowledgement: open again, ack cleared
      StoredAlert reopened = work(store, StoredAlert.OPEN);
      assertThat(reopened.id()).isEqualTo(again.id());
      assertThat(reopened.level()).isEqualTo("critical");
      assertThat(reopened.ackedBy()).isNull();
      assertThat(store.alerts(null, "p")).extracting(StoredAlert::id)
          .containsExactly(again.id(), kept.id()); // newest first seen first
    }
  }

  @Test
  void oneNoisyRunOpensNoAlertALastingBreachDoesAtItsSecondRun() throws Exception {
    try (JdbcHistoryStore store = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("n.db"))) {
      AlertMonitor m = new AlertMonitor(store, new AnalyzerMetrics(), slo, null, () -> now, 2);
      feed(m, store, 20);
      feed(m, store, 80); // one noisy run
      feed(m, store, 20);
      assertThat(store.alerts(null, null)).as("no alert for one noisy run").isEmpty();

      feed(m, store, 30);
      long firstBreach = now;
      assertThat(store.alerts(null, null)).as("pending after one breaching run").isEmpty();
      feed(m, store, 30);
      StoredAlert open = work(store, StoredAlert.OPEN);
      assertThat(open.firstSeenMillis()).as("first seen: the first breach").isEqualTo(firstBreach);
      assertThat(open.lastSeenMillis()).isEqualTo(now);

      feed(m, store, 20); // met: resolved at once
      assertThat(work(store, StoredAlert.RESOLVED).id()).isEqualTo(open.id());
      feed(m, store, 30); // breached once more: pending again, no new alert yet
      assertThat(store.alerts(StoredAlert.ACTIVE, null)).isEmpty();
    }
  }

  @Test
  void oneActiveAlertPerConditionEvenWhenTwoOpenIt() throws Exception {
    try (JdbcHistoryStore store = JdbcHistoryStore.open("jdbc:sqlite:" + dir.resolve("u.db"))) {
      StoredAlert a = new StoredAlert(0, "p", "stage:work", "p95", "p95<1ms", "critical",
          StoredAlert.OPEN, 2e6, 1e6, "ns", 1, 1, null, null, null, "r1", "t");
      assertThat(store.openAlert(a)).isNotNull();
      assertThat(store.openAlert(a)).isNull(); // another analyzer got there first
      assertThat(store.alerts(StoredAlert.ACTIVE, null)).hasSize(1);
    }
  }
}
