-- The run history. One row per run (the newest version of it); a run's id is its trace id.
-- ${blob} is BLOB on SQLite and BYTEA on PostgreSQL (a Flyway placeholder): the one
-- difference between the two schemas.
CREATE TABLE runs (
  id              VARCHAR(64)      NOT NULL PRIMARY KEY,
  version         INTEGER          NOT NULL,
  pipeline        TEXT             NOT NULL,
  trace_id        VARCHAR(64)      NOT NULL,
  root_stage      TEXT             NOT NULL,
  start_ns        BIGINT           NOT NULL,
  end_ns          BIGINT           NOT NULL,
  wall_ns         BIGINT           NOT NULL,
  span_count      INTEGER          NOT NULL,
  services        TEXT             NOT NULL,
  instances       TEXT             NOT NULL,
  analysed_at_ms  BIGINT           NOT NULL,
  top_stage       TEXT             NOT NULL,
  top_kind        TEXT             NOT NULL,
  top_share       DOUBLE PRECISION NOT NULL,
  critical_path   TEXT             NOT NULL,
  report_json     TEXT             NOT NULL,
  spans           ${blob}          NOT NULL
);
CREATE INDEX runs_pipeline_start ON runs (pipeline, start_ns);
CREATE INDEX runs_start ON runs (start_ns);

-- Each stage's statistics in a run (its newest version).
CREATE TABLE run_stages (
  run_id                  VARCHAR(64)      NOT NULL,
  position                INTEGER          NOT NULL,
  stage                   TEXT             NOT NULL,
  calls                   BIGINT           NOT NULL,
  errors                  BIGINT           NOT NULL,
  wall_ns                 BIGINT           NOT NULL,
  self_ns                 BIGINT           NOT NULL,
  cpu_ns                  BIGINT           NOT NULL,
  alloc_bytes             BIGINT           NOT NULL,
  records                 BIGINT           NOT NULL,
  p50_ns                  BIGINT           NOT NULL,
  p95_ns                  BIGINT           NOT NULL,
  p99_ns                  BIGINT           NOT NULL,
  max_ns                  BIGINT           NOT NULL,
  critical_path_share     DOUBLE PRECISION NOT NULL,
  inclusive_path_share    DOUBLE PRECISION NOT NULL,
  threads                 INTEGER          NOT NULL,
  PRIMARY KEY (run_id, position)
);

-- Bottlenecks and recommendations of a run (its newest version), in rank order.
CREATE TABLE findings (
  run_id    VARCHAR(64)      NOT NULL,
  kind      VARCHAR(32)      NOT NULL,
  rank      INTEGER          NOT NULL,
  stage     TEXT             NOT NULL,
  category  TEXT             NOT NULL,
  share     DOUBLE PRECISION NOT NULL,
  text      TEXT             NOT NULL,
  evidence  TEXT             NOT NULL,
  PRIMARY KEY (run_id, kind, rank)
);
