package io.perfagent.analyzer.store;

import io.perfagent.analysis.bottleneck.Bottleneck;
import io.perfagent.analysis.model.StageSpan;
import io.perfagent.analysis.path.CriticalPathSegment;
import io.perfagent.analysis.recommend.Recommendation;
import io.perfagent.analysis.stats.StageStats;
import io.perfagent.analyzer.analyse.AnalysedRun;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The history over JDBC: SQLite (a file; WAL journal, so readers do not wait for the writer and
 * a killed process loses nothing committed) or PostgreSQL (several analyzers share it). The
 * schema is migrated with Flyway at open. One connection, used under this object's lock: the
 * writer is the analysis thread, the readers are API requests, and SQLite has one writer
 * anyway. A failed connection is opened again on the next call.
 */
public final class JdbcHistoryStore implements HistoryStore {

  private static final String RUN_COLUMNS = "id, version, pipeline, root_stage, start_ns, "
      + "end_ns, span_count, services, instances, analysed_at_ms, top_stage, top_kind, top_share";

  // Flyway logs each step through java.util.logging: kept to warnings, the service says one line
  private static final java.util.logging.Logger FLYWAY_LOG =
      java.util.logging.Logger.getLogger("org.flywaydb");

  private final String url;
  private final boolean sqlite;
  private Connection connection;
  private MigrateResult migration;

  private JdbcHistoryStore(String url) {
    this.url = url;
    this.sqlite = url.startsWith("jdbc:sqlite:");
  }

  /** Opens the history at {@code jdbcUrl} and migrates its schema to the newest version. */
  public static JdbcHistoryStore open(String jdbcUrl) throws StoreException {
    JdbcHistoryStore s = new JdbcHistoryStore(jdbcUrl);
    FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
    try {
      s.migration = Flyway.configure(JdbcHistoryStore.class.getClassLoader())
          .dataSource(jdbcUrl, null, null)
          .locations("classpath:db/migration")
          .placeholders(Map.of("blob", s.sqlite ? "BLOB" : "BYTEA",
              "serial", s.sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"))
          .load()
          .migrate();
      synchronized (s) {
        s.connection();
      }
    } catch (RuntimeException | SQLException e) {
      throw new StoreException("cannot open the history at " + redact(jdbcUrl) + ": "
          + rootMessage(e), e);
    }
    return s;
  }

  /** What opening did to the schema, for the start-up line. */
  public String schema() {
    return "schema v" + (migration.targetSchemaVersion != null ? migration.targetSchemaVersion
        : migration.initialSchemaVersion) + (migration.migrationsExecuted > 0
        ? " (" + migration.migrationsExecuted + " migrations applied now)" : "");
  }

  @Override
  public String kind() {
    return sqlite ? "sqlite" : "postgresql";
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url);
      if (sqlite) {
        try (Statement st = connection.createStatement()) {
          st.execute("PRAGMA journal_mode=WAL");
          // with WAL, a commit reaches the log without waiting for the disk: a killed
          // analyzer loses nothing committed (only a power loss could lose the last runs);
          // an fsync per stored run was a third of storing it
          st.execute("PRAGMA synchronous=NORMAL");
          st.execute("PRAGMA busy_timeout=5000");
        }
      }
    }
    return connection;
  }

  private void reset() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // closing a broken connection: the next call opens another
    }
    connection = null;
  }

  @Override
  public synchronized void save(AnalysedRun run) throws StoreException {
    inTransaction("saving run " + run.runId(), c -> {
      if (!upsertRun(c, run)) {
        return false; // a newer version is stored
      }
      delete(c, "DELETE FROM run_stages WHERE run_id = ?", run.runId());
      delete(c, "DELETE FROM findings WHERE run_id = ?", run.runId());
      insertStages(c, run);
      insertFindings(c, run);
      return true;
    });
  }

  @FunctionalInterface
  private interface Transaction {
    /** Returns false to roll back. */
    boolean run(Connection c) throws SQLException;
  }

  /** Runs {@code tx} in one transaction; what failed, as a {@link StoreException}. */
  private void inTransaction(String what, Transaction tx) throws StoreException {
    try {
      Connection c = connection();
      c.setAutoCommit(false);
      try {
        if (tx.run(c)) {
          c.commit();
        } else {
          c.rollback();
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      reset();
      throw new StoreException(what + ": " + e.getMessage(), e);
    }
  }

  private static boolean upsertRun(Connection c, AnalysedRun run) throws SQLException {
    Bottleneck top = run.bottlenecks().isEmpty() ? null : run.bottlenecks().get(0);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, version, pipeline, "
        + "trace_id, root_stage, start_ns, end_ns, wall_ns, span_count, services, instances, "
        + "analysed_at_ms, top_stage, top_kind, top_share, critical_path, report_json, spans, "
        + "resource_samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
        + "pipeline = excluded.pipeline, root_stage = excluded.root_stage, "
        + "start_ns = excluded.start_ns, end_ns = excluded.end_ns, "
        + "wall_ns = excluded.wall_ns, span_count = excluded.span_count, "
        + "services = excluded.services, instances = excluded.instances, "
        + "analysed_at_ms = excluded.analysed_at_ms, top_stage = excluded.top_stage, "
        + "top_kind = excluded.top_kind, top_share = excluded.top_share, "
        + "critical_path = excluded.critical_path, report_json = excluded.report_json, "
        + "spans = excluded.spans, resource_samples = excluded.resource_samples "
        + "WHERE excluded.version > runs.version")) {
      int i = 1;
      ps.setString(i++, run.runId());
      ps.setInt(i++, run.version());
      ps.setString(i++, run.pipeline());
      ps.setString(i++, run.runId());
      ps.setString(i++, run.rootStage());
      ps.setLong(i++, run.startNanos());
      ps.setLong(i++, run.endNanos());
      ps.setLong(i++, run.wallNanos());
      ps.setInt(i++, run.spans().size());
      ps.setString(i++, String.join("\n", run.services()));
      ps.setString(i++, String.join("\n", run.instances()));
      ps.setLong(i++, run.analysedAtMillis());
      ps.setString(i++, top == null ? "" : top.stage());
      ps.setString(i++, top == null ? "" : top.kind().id());
      ps.setDouble(i++, top == null ? 0 : top.criticalPathShare());
      ps.setString(i++, CriticalPathText.write(run.criticalPath()));
      ps.setString(i++, run.reportJson());
      ps.setBytes(i++, SpanCodec.encode(run.spans()));
      ps.setBytes(i, SampleCodec.encode(run.samples()));
      return ps.executeUpdate() > 0;
    }
  }

  private static void delete(Connection c, String sql, String runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, runId);
      ps.executeUpdate();
    }
  }

  private static void insertStages(Connection c, AnalysedRun run) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_stages (run_id, position, "
        + "stage, calls, errors, wall_ns, self_ns, cpu_ns, alloc_bytes, records, p50_ns, p95_ns, "
        + "p99_ns, max_ns, critical_path_share, inclusive_path_share, threads) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pos = 0;
      for (StageStats s : run.stages()) {
        int i = 1;
        ps.setString(i++, run.runId());
        ps.setInt(i++, pos++);
        ps.setString(i++, s.name());
        ps.setLong(i++, s.calls());
        ps.setLong(i++, s.errors());
        ps.setLong(i++, s.wallNanos());
        ps.setLong(i++, s.selfNanos());
        ps.setLong(i++, s.cpuNanos());
        ps.setLong(i++, s.allocBytes());
        ps.setLong(i++, s.records());
        ps.setLong(i++, s.p50Nanos());
        ps.setLong(i++, s.p95Nanos());
        ps.setLong(i++, s.p99Nanos());
        ps.setLong(i++, s.maxNanos());
        ps.setDouble(i++, finite(s.criticalPathShare()));
        ps.setDouble(i++, finite(s.inclusivePathShare()));
        ps.setInt(i, s.threads());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertFindings(Connection c, AnalysedRun run) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO findings (run_id, kind, rank, "
        + "stage, category, share, text, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      int rank = 1;
      for (Bottleneck b : run.bottlenecks()) {
        finding(ps, run.runId(), Finding.BOTTLENECK, rank++, b.stage(), b.kind().id(),
            b.criticalPathShare(), b.evidence(), "");
      }
      rank = 1;
      for (Recommendation r : run.recommendations()) {
        finding(ps, run.runId(), Finding.RECOMMENDATION, rank++, r.stage(), "", 0, r.text(),
            r.evidence());
      }
      ps.executeBatch();
    }
  }

  private static void finding(PreparedStatement ps, String runId, String kind, int rank,
      String stage, String category, double share, String text, String evidence)
      throws SQLException {
    ps.setString(1, runId);
    ps.setString(2, kind);
    ps.setInt(3, rank);
    ps.setString(4, stage);
    ps.setString(5, category);
    ps.setDouble(6, finite(share));
    ps.setString(7, text);
    ps.setString(8, evidence);
    ps.addBatch();
  }

  @Override
  public synchronized Prior find(String traceId) {
    try (PreparedStatement ps = connection().prepareStatement(
        "SELECT version, spans, services, instances, resource_samples FROM runs WHERE id = ?")) {
      ps.setString(1, traceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Prior(rs.getInt(1), SpanCodec.decode(rs.getBytes(2)), lines(rs.getString(3)),
            lines(rs.getString(4)), SampleCodec.decode(rs.getBytes(5)));
      }
    } catch (SQLException | IOException e) {
      reset();
      // a late span then opens the run afresh: its next save cannot replace a newer version
      return null;
    }
  }

  @Override
  public synchronized List<PipelineSummary> pipelines() throws StoreException {
    String sql = "SELECT r.pipeline, c.n, r.start_ns, r.id, r.wall_ns, r.top_stage, r.top_kind "
        + "FROM runs r JOIN (SELECT pipeline, COUNT(*) AS n, MAX(start_ns) AS last "
        + "FROM runs GROUP BY pipeline) c ON r.pipeline = c.pipeline AND r.start_ns = c.last "
        + "ORDER BY r.pipeline";
    return query(sql, List.of(), rs -> new PipelineSummary(rs.getString(1), rs.getLong(2),
        rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7)));
  }

  @Override
  public synchronized List<RunSummary> runs(String pipeline, long fromNanos, long toNanos,
      int limit, int offset) throws StoreException {
    return query("SELECT " + RUN_COLUMNS + " FROM runs WHERE pipeline = ? AND start_ns >= ? "
        + "AND start_ns < ? ORDER BY start_ns DESC, id LIMIT ? OFFSET ?",
        List.of(pipeline, fromNanos, toNanos, limit, offset), JdbcHistoryStore::summary);
  }

  @Override
  public synchronized long countRuns(String pipeline, long fromNanos, long toNanos)
      throws StoreException {
    return query("SELECT COUNT(*) FROM runs WHERE pipeline = ? AND start_ns >= ? "
        + "AND start_ns < ?", List.of(pipeline, fromNanos, toNanos), rs -> rs.getLong(1)).get(0);
  }

  @Override
  public synchronized StoredRun run(String id) throws StoreException {
    List<StoredRun> r = query("SELECT " + RUN_COLUMNS + ", critical_path, report_json "
        + "FROM runs WHERE id = ?", List.of(id), rs -> new StoredRun(summary(rs),
            CriticalPathText.read(rs.getString(14)), rs.getString(15)));
    return r.isEmpty() ? null : r.get(0);
  }

  @Override
  public synchronized List<SpansAndSamples> recentRuns(String pipeline, int runs)
      throws StoreException {
    List<byte[][]> blobs = query("SELECT spans, resource_samples FROM runs WHERE pipeline = ? "
        + "ORDER BY start_ns DESC LIMIT ?", List.of(pipeline, runs),
        rs -> new byte[][] {rs.getBytes(1), rs.getBytes(2)});
    List<SpansAndSamples> out = new ArrayList<>(blobs.size());
    for (byte[][] b : blobs) {
      try {
        out.add(new SpansAndSamples(SpanCodec.decode(b[0]), SampleCodec.decode(b[1])));
      } catch (IOException e) {
        throw new StoreException("a stored run's spans cannot be read: " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public synchronized List<Finding> latestFindings(String kind) throws StoreException {
    return query("SELECT f.run_id, r.pipeline, f.kind, f.rank, f.stage, f.category, f.share, "
        + "f.text, f.evidence FROM findings f JOIN runs r ON f.run_id = r.id "
        + "JOIN (SELECT pipeline, MAX(start_ns) AS last FROM runs GROUP BY pipeline) l "
        + "ON r.pipeline = l.pipeline AND r.start_ns = l.last "
        + "WHERE f.kind = ? ORDER BY r.pipeline, f.rank", List.of(kind),
        rs -> new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
            rs.getString(5), rs.getString(6), rs.getDouble(7), rs.getString(8),
            rs.getString(9)));
  }

  @Override
  public synchronized List<StageRow> stageRows(String pipeline, int runs)
      throws StoreException {
    String sql = "SELECT r.id, r.version, r.pipeline, r.start_ns, r.wall_ns, s.stage, s.calls, "
        + "s.errors, s.wall_ns, s.self_ns, s.cpu_ns, s.alloc_bytes, s.records, s.p50_ns, "
        + "s.p95_ns, s.p99_ns, s.max_ns, s.critical_path_share, s.inclusive_path_share, "
        + "s.threads FROM (SELECT id, version, pipeline, start_ns, wall_ns FROM runs"
        + (pipeline == null ? "" : " WHERE pipeline = ?")
        + " ORDER BY start_ns DESC LIMIT ?) r JOIN run_stages s ON s.run_id = r.id "
        + "ORDER BY r.start_ns DESC, r.id, s.position";
    List<Object> args = pipeline == null ? List.of(runs) : List.of(pipeline, runs);
    return query(sql, args, rs -> new StageRow(rs.getString(1), rs.getInt(2), rs.getString(3),
        rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getLong(8),
        rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
        rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getDouble(18),
        rs.getDouble(19), rs.getInt(20)));
  }

  // --- regressions and alerts (issue 14) ---

  private static final String REGRESSION_COLUMNS = "id, pipeline, stage, metric, direction, "
      + "change, before_mean, after_mean, unit, p_value, runs_before, runs_after, "
      + "start_run_id, start_run_number, start_run_start_ns, detected_ms, updated_ms, text";

  private static final String ALERT_COLUMNS = "id, pipeline, subject, metric, rule, level, "
      + "state, value, threshold, unit, first_seen_ms, last_seen_ms, resolved_ms, acked_by, "
      + "acked_ms, run_id, text";

  @Override
  public synchronized List<Regression> regressions(String pipeline, String direction)
      throws StoreException {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (pipeline != null) {
      where.append(" AND pipeline = ?");
      args.add(pipeline);
    }
    if (direction != null) {
      where.append(" AND direction = ?");
      args.add(direction);
    }
    return query("SELECT " + REGRESSION_COLUMNS + " FROM regressions" + where
        + " ORDER BY detected_ms DESC, id DESC", args, JdbcHistoryStore::regression);
  }

  @Override
  public synchronized Regression saveRegression(Regression r) throws StoreException {
    long[] id = {r.id()};
    inTransaction("saving a regression of " + r.pipeline(), c -> {
      String sql = r.id() == 0
          ? "INSERT INTO regressions (pipeline, stage, metric, direction, change, before_mean, "
              + "after_mean, unit, p_value, runs_before, runs_after, start_run_id, "
              + "start_run_number, start_run_start_ns, detected_ms, updated_ms, text) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
          : "UPDATE regressions SET pipeline = ?, stage = ?, metric = ?, direction = ?, "
              + "change = ?, before_mean = ?, after_mean = ?, unit = ?, p_value = ?, "
              + "runs_before = ?, runs_after = ?, start_run_id = ?, start_run_number = ?, "
              + "start_run_start_ns = ?, detected_ms = ?, updated_ms = ?, text = ? WHERE id = ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        ps.setString(i++, r.pipeline());
        ps.setString(i++, r.stage());
        ps.setString(i++, r.metric());
        ps.setString(i++, r.direction());
        ps.setDouble(i++, finite(r.change()));
        ps.setDouble(i++, finite(r.before()));
        ps.setDouble(i++, finite(r.after()));
        ps.setString(i++, r.unit());
        ps.setDouble(i++, finite(r.pValue()));
        ps.setInt(i++, r.runsBefore());
        ps.setInt(i++, r.runsAfter());
        ps.setString(i++, r.startRunId());
        ps.setLong(i++, r.startRunNumber());
        ps.setLong(i++, r.startRunStartNanos());
        ps.setLong(i++, r.detectedMillis());
        ps.setLong(i++, r.updatedMillis());
        ps.setString(i++, r.text());
        if (r.id() == 0) {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id[0] = rs.getLong(1);
          }
        } else {
          ps.setLong(i, r.id());
          ps.executeUpdate();
        }
      }
      bumpStamp(c);
      return true;
    });
    return r.withId(id[0]);
  }

  @Override
  public synchronized List<StoredAlert> alerts(String state, String pipeline)
      throws StoreException {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (StoredAlert.ACTIVE.equals(state)) {
      where.append(" AND state <> 'resolved'");
    } else if (state != null) {
      where.append(" AND state = ?");
      args.add(state);
    }
    if (pipeline != null) {
      where.append(" AND pipeline = ?");
      args.add(pipeline);
    }
    return query("SELECT " + ALERT_COLUMNS + " FROM alerts" + where
        + " ORDER BY first_seen_ms DESC, id DESC", args, JdbcHistoryStore::alert);
  }

  @Override
  public synchronized StoredAlert alert(long id) throws StoreException {
    List<StoredAlert> a = query("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ?",
        List.of(id), JdbcHistoryStore::alert);
    return a.isEmpty() ? null : a.get(0);
  }

  @Override
  public synchronized StoredAlert openAlert(StoredAlert a) throws StoreException {
    long[] id = {0};
    inTransaction("opening an alert on " + a.subject(), c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (pipeline, subject, "
          + "metric, rule, level, state, value, threshold, unit, first_seen_ms, last_seen_ms, "
          + "run_id, text) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (pipeline, subject, metric) WHERE state <> 'resolved' DO NOTHING "
          + "RETURNING id")) {
        int i = 1;
        ps.setString(i++, a.pipeline());
        ps.setString(i++, a.subject());
        ps.setString(i++, a.metric());
        ps.setString(i++, a.rule());
        ps.setString(i++, a.level());
        ps.setDouble(i++, finite(a.value()));
        ps.setDouble(i++, finite(a.threshold()));
        ps.setString(i++, a.unit());
        ps.setLong(i++, a.firstSeenMillis());
        ps.setLong(i++, a.lastSeenMillis());
        ps.setString(i++, a.runId());
        ps.setString(i, a.text());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          id[0] = rs.getLong(1);
        }
      }
      bumpStamp(c);
      return true;
    });
    return id[0] == 0 ? null : alert(id[0]);
  }

  @Override
  public synchronized void updateAlert(AlertUpdate u) throws StoreException {
    inTransaction("updating alert " + u.id(), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET level = ?, value = ?, "
          + "threshold = ?, last_seen_ms = ?, run_id = ?, text = ?"
          + (u.reopen() ? ", state = 'open', acked_by = NULL, acked_ms = NULL" : "")
          + " WHERE id = ? AND state <> 'resolved'")) {
        ps.setString(1, u.level());
        ps.setDouble(2, finite(u.value()));
        ps.setDouble(3, finite(u.threshold()));
        ps.setLong(4, u.lastSeenMillis());
        ps.setString(5, u.runId());
        ps.setString(6, u.text());
        ps.setLong(7, u.id());
        if (ps.executeUpdate() == 0) {
          return false;
        }
      }
      bumpStamp(c);
      return true;
    });
  }

  @Override
  public synchronized void resolveAlert(long id, long resolvedMillis) throws StoreException {
    inTransaction("resolving alert " + id, c -> {
      if (update(c, "UPDATE alerts SET state = 'resolved', resolved_ms = ? "
          + "WHERE id = ? AND state <> 'resolved'", resolvedMillis, id) == 0) {
        return false;
      }
      bumpStamp(c);
      return true;
    });
  }

  @Override
  public synchronized StoredAlert ackAlert(long id, String by, long nowMillis)
      throws StoreException {
    inTransaction("acknowledging alert " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET state = "
          + "'acknowledged', acked_by = ?, acked_ms = ? WHERE id = ? AND state <> 'resolved'")) {
        ps.setString(1, by);
        ps.setLong(2, nowMillis);
        ps.setLong(3, id);
        if (ps.executeUpdate() == 0) {
          return false;
        }
      }
      bumpStamp(c);
      return true;
    });
    return alert(id);
  }

  @Override
  public synchronized long alertsStamp() throws StoreException {
    return query("SELECT n FROM history_stamps WHERE name = 'alerts'", List.of(),
        rs -> rs.getLong(1)).get(0);
  }

  private static void bumpStamp(Connection c) throws SQLException {
    update(c, "UPDATE history_stamps SET n = n + 1 WHERE name = 'alerts'");
  }

  private static int update(Connection c, String sql, long... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setLong(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static Regression regression(ResultSet rs) throws SQLException {
    return new Regression(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getString(9),
        rs.getDouble(10), rs.getInt(11), rs.getInt(12), rs.getString(13), rs.getLong(14),
        rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getString(18));
  }

  private static StoredAlert alert(ResultSet rs) throws SQLException {
    return new StoredAlert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getDouble(8), rs.getDouble(9),
        rs.getString(10), rs.getLong(11), rs.getLong(12), nullableLong(rs, 13),
        rs.getString(14), nullableLong(rs, 15), rs.getString(16), rs.getString(17));
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  @Override
  public synchronized int deleteStartedBefore(long cutoffNanos) throws StoreException {
    int[] deleted = new int[1];
    inTransaction("deleting old runs", c -> {
      String old = "SELECT id FROM runs WHERE start_ns < ?";
      for (String table : new String[] {"run_stages", "findings"}) {
        try (PreparedStatement ps = c.prepareStatement(
            "DELETE FROM " + table + " WHERE run_id IN (" + old + ")")) {
          ps.setLong(1, cutoffNanos);
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE start_ns < ?")) {
        ps.setLong(1, cutoffNanos);
        deleted[0] = ps.executeUpdate();
      }
      int findings = update(c, "DELETE FROM regressions WHERE start_run_start_ns < ?",
          cutoffNanos);
      int alerts = update(c, "DELETE FROM alerts WHERE state = 'resolved' AND resolved_ms < ?",
          cutoffNanos / 1_000_000);
      if (findings + alerts > 0) {
        bumpStamp(c);
      }
      return true;
    });
    return deleted[0];
  }

  @Override
  public synchronized boolean healthy() {
    try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
      return rs.next();
    } catch (SQLException e) {
      reset();
      return false;
    }
  }

  @Override
  public synchronized void close() {
    reset();
  }

  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, List<Object> args, Row<T> row) throws StoreException {
    try (PreparedStatement ps = connection().prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof Long l) {
          ps.setLong(i + 1, l);
        } else if (a instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else {
          ps.setString(i + 1, (String) a);
        }
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      reset();
      throw new StoreException("reading the history: " + e.getMessage(), e);
    }
  }

  private static RunSummary summary(ResultSet rs) throws SQLException {
    return new RunSummary(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
        rs.getLong(5), rs.getLong(6), rs.getInt(7), lines(rs.getString(8)),
        lines(rs.getString(9)), rs.getLong(10), rs.getString(11), rs.getString(12),
        rs.getDouble(13));
  }

  private static List<String> lines(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
  }

  private static double finite(double d) {
    return Double.isFinite(d) ? d : 0;
  }

  /** A JDBC URL without its password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  @Override
  public synchronized long runsStamp() throws StoreException {
    // A new run raises the count, a newer version of a stored one its version (the sum),
    // deleting old runs lowers the count, and each save sets analysed_at_ms to its own time.
    // Read from the database, not kept in memory, so that a run stored by another analyzer on
    // the same database changes it too.
    return query("SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(analysed_at_ms), 0) "
        + "FROM runs", List.of(), rs -> (rs.getLong(3) * 31 + rs.getLong(2)) * 31 + rs.getLong(1))
        .get(0);
  }
}
