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

  /** Deletes runs that started before {@code cutoffNanos}; how many. */
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
