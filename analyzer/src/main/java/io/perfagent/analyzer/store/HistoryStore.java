package io.perfagent.analyzer.store;

import io.perfagent.analyzer.analyse.AnalysedRun;
import io.perfagent.analyzer.assemble.PriorRuns;
import java.util.List;

/**
 * The run history: write a run version, read runs, pipelines, findings. One implementation
 * over JDBC serves SQLite and PostgreSQL ({@link JdbcHistoryStore}); the query API is a thin
 * layer over this interface.
 */
public interface HistoryStore extends PriorRuns, AutoCloseable {

  /**
   * Stores a run version, replacing an older version of the same run. A version not newer than
   * the stored one (another analyzer sharing the database got there first) changes nothing.
   */
  void save(AnalysedRun run) throws StoreException;

  List<PipelineSummary> pipelines() throws StoreException;

  /** Runs of a pipeline that started in [fromNanos, toNanos), newest first. */
  List<RunSummary> runs(String pipeline, long fromNanos, long toNanos, int limit, int offset)
      throws StoreException;

  /** Runs of a pipeline, newest first. */
  long countRuns(String pipeline, long fromNanos, long toNanos) throws StoreException;

  /** A run, or null when there is none with that id. */
  StoredRun run(String id) throws StoreException;

  /** The spans and resource samples of a pipeline's newest runs, newest first. */
  List<SpansAndSamples> recentRuns(String pipeline, int runs) throws StoreException;

  /** The findings of each pipeline's newest run, pipeline by pipeline. */
  List<Finding> latestFindings(String kind) throws StoreException;

  /** Stage statistics of a pipeline's newest runs (all pipelines when null), newest first. */
  List<StageRow> stageRows(String pipeline, int runs) throws StoreException;

  /**
   * Regressions and improvements, newest detection first.
   *
   * @param pipeline null: every pipeline
   * @param direction {@code regression}, {@code improvement}, or null for both
   */
  List<Regression> regressions(String pipeline, String direction) throws StoreException;

  /**
   * Stores a finding: a new row when its id is 0, else the stored row's evidence replaced
   * (its id and detection time kept). The finding as stored.
   */
  Regression saveRegression(Regression r) throws StoreException;

  /**
   * Alerts, newest first seen first.
   *
   * @param state {@code open}, {@code acknowledged}, {@code resolved}, {@code active} (open or
   *     acknowledged), or null for all
   * @param pipeline null: every pipeline
   */
  List<StoredAlert> alerts(String state, String pipeline) throws StoreException;

  /** One alert, or null. */
  StoredAlert alert(long id) throws StoreException;

  /**
   * Stores a new open alert; null when its condition already has an active one (another
   * analyzer sharing the database opened it first).
   */
  StoredAlert openAlert(StoredAlert a) throws StoreException;

  /** New evidence for an active alert; nothing when it was resolved meanwhile. */
  void updateAlert(AlertUpdate u) throws StoreException;

  /** Resolves an active alert at {@code resolvedMillis}. */
  void resolveAlert(long id, long resolvedMillis) throws StoreException;

  /**
   * Acknowledges an alert by {@code by}: the alert as it is now (unchanged when resolved, so
   * the caller can tell), or null when there is none with that id.
   */
  StoredAlert ackAlert(long id, String by, long nowMillis) throws StoreException;

  /** A number that changes whenever an alert or a regression row is written. */
  long alertsStamp() throws StoreException;

  /**
   * Deletes runs that started before {@code cutoffNanos}, with the resolved alerts and the
   * findings whose changes started before it; how many runs.
   */
  int deleteStartedBefore(long cutoffNanos) throws StoreException;

  /** True when the database answers. */
  boolean healthy();

  /** {@code sqlite} or {@code postgresql}. */
  String kind();

  @Override
  void close();

  /**
   * A number that changes whenever a run version is stored or deleted, by this analyzer or by
   * another one sharing the database: the dashboard polls it ({@code GET /api/changes}) and
   * re-reads what it shows when it changes. Opaque: only equality means anything.
   */
  long runsStamp() throws StoreException;
}
