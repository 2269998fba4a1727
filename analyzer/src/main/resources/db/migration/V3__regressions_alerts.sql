-- Regressions and improvements found in the run history (io.perfagent.analyzer.regress), one
-- row per change: a re-detection of the same change updates its row (see RegressionMonitor).
-- ${serial} is an auto-increment primary key: INTEGER PRIMARY KEY AUTOINCREMENT on SQLite,
-- BIGSERIAL PRIMARY KEY on PostgreSQL.
CREATE TABLE regressions (
  id                  ${serial},
  pipeline            TEXT             NOT NULL,
  stage               TEXT             NOT NULL,
  metric              VARCHAR(32)      NOT NULL,
  direction           VARCHAR(16)      NOT NULL,
  change              DOUBLE PRECISION NOT NULL,
  before_mean         DOUBLE PRECISION NOT NULL,
  after_mean          DOUBLE PRECISION NOT NULL,
  unit                VARCHAR(16)      NOT NULL,
  p_value             DOUBLE PRECISION NOT NULL,
  runs_before         INTEGER          NOT NULL,
  runs_after          INTEGER          NOT NULL,
  start_run_id        VARCHAR(64)      NOT NULL,
  start_run_number    BIGINT           NOT NULL,
  start_run_start_ns  BIGINT           NOT NULL,
  detected_ms         BIGINT           NOT NULL,
  updated_ms          BIGINT           NOT NULL,
  text                TEXT             NOT NULL
);
CREATE INDEX regressions_series ON regressions (pipeline, stage, metric);

-- SLO alerts (io.perfagent.analyzer.alert): one row per breach while it holds.
CREATE TABLE alerts (
  id              ${serial},
  pipeline        TEXT             NOT NULL,
  subject         TEXT             NOT NULL,
  metric          VARCHAR(32)      NOT NULL,
  rule            TEXT             NOT NULL,
  level           VARCHAR(16)      NOT NULL,
  state           VARCHAR(16)      NOT NULL,
  value           DOUBLE PRECISION NOT NULL,
  threshold       DOUBLE PRECISION NOT NULL,
  unit            VARCHAR(16)      NOT NULL,
  first_seen_ms   BIGINT           NOT NULL,
  last_seen_ms    BIGINT           NOT NULL,
  resolved_ms     BIGINT,
  acked_by        TEXT,
  acked_ms        BIGINT,
  run_id          VARCHAR(64)      NOT NULL,
  text            TEXT             NOT NULL
);
-- one alert per condition while it holds, even with several analyzers on one database
CREATE UNIQUE INDEX alerts_active ON alerts (pipeline, subject, metric)
  WHERE state <> 'resolved';
CREATE INDEX alerts_first_seen ON alerts (first_seen_ms);

-- A counter bumped by every write to alerts or regressions: HistoryStore.alertsStamp().
CREATE TABLE history_stamps (
  name  VARCHAR(32) NOT NULL PRIMARY KEY,
  n     BIGINT      NOT NULL
);
INSERT INTO history_stamps (name, n) VALUES ('alerts', 0);
