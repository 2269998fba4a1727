package io.perfagent.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.analyzer.dashboard.Changes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HistoryStore#runsStamp()}, what the dashboard polls through {@code /api/changes}:
 * it changes with every stored run, newer version and deletion, also when another store on
 * the same database made the change, and stays when nothing was stored.
 */
class RunsStampTest {

  private static final long S = 1_000_000_000L;

  @TempDir
  Path dir;

  @Test
  void changesWithEveryStoredVersionAndDeletion() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("h.db");
    try (JdbcHistoryStore s = JdbcHistoryStore.open(url);
        JdbcHistoryStore other = JdbcHistoryStore.open(url)) {
      long empty = s.runsStamp();
      assertThat(s.runsStamp()).as("nothing stored: the same").isEqualTo(empty);

      s.save(JdbcHistoryStoreTest.analysed("t1", 1, 10 * S));
      long one = s.runsStamp();
      assertThat(one).isNotEqualTo(empty);

      // a newer version, analysed at the same millisecond (the test's clock): still a change
      other.save(JdbcHistoryStoreTest.analysed("t1", 2, 10 * S));
      long newer = s.runsStamp();
      assertThat(newer).as("stored by another analyzer on the database").isNotEqualTo(one);

      s.save(JdbcHistoryStoreTest.analysed("t1", 1, 10 * S)); // older: not stored
      assertThat(s.runsStamp()).isEqualTo(newer);

      s.save(JdbcHistoryStoreTest.analysed("t2", 1, 20 * S));
      long two = s.runsStamp();
      assertThat(two).isNotEqualTo(newer);

      assertThat(s.deleteStartedBefore(15 * S)).isEqualTo(1);
      assertThat(s.runsStamp()).isNotEqualTo(two);

      String before = Changes.json(s);
      assertThat(before).matches("(?s)\\{\\s*\"stamp\": \"runs-[0-9a-f]+-alerts-[0-9a-f]+\"\\s*}");
      s.ackAlert(1, "nobody", 1); // no such alert: nothing written, the stamp stays
      assertThat(Changes.json(s)).isEqualTo(before);
    }
  }
}
