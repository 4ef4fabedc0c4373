/**
 * The schema, as an ordered list of migrations. Migration N takes a database from
 * `PRAGMA user_version = N` to N + 1. Never edit a released migration: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 0 → 1: repositories, the commits seen in them, outcomes and what links them.
  `
  CREATE TABLE repositories (
    id             INTEGER PRIMARY KEY,
    root           TEXT    NOT NULL UNIQUE,
    remote_url     TEXT,
    default_branch TEXT,
    first_seen_at  INTEGER NOT NULL,
    scanned_at     INTEGER
  );

  -- Where each ref pointed at the last scan: the position commits are new against.
  CREATE TABLE ref_positions (
    repo_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    ref     TEXT    NOT NULL,
    sha     TEXT    NOT NULL,
    PRIMARY KEY (repo_id, ref)
  ) WITHOUT ROWID;

  CREATE TABLE commits (
    id           INTEGER PRIMARY KEY,
    repo_id      INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    sha          TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    author_email TEXT    NOT NULL,
    author_time  INTEGER NOT NULL,
    branch       TEXT,
    is_merge     INTEGER NOT NULL DEFAULT 0,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'named', 'routine', 'skipped', 'ignored')),
    draft        TEXT,
    seen_at      INTEGER NOT NULL,
    UNIQUE (repo_id, sha)
  );
  CREATE INDEX commits_by_status ON commits (status, author_time);
  CREATE INDEX commits_by_author_time ON commits (repo_id, author_time);

  CREATE TABLE outcomes (
    id          INTEGER PRIMARY KEY,
    text        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('impact', 'routine')),
    source      TEXT    NOT NULL CHECK (source IN ('commit', 'branch', 'manual')),
    happened_at INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    repo_id     INTEGER REFERENCES repositories(id) ON DELETE SET NULL,
    branch      TEXT
  );
  CREATE INDEX outcomes_by_time ON outcomes (happened_at);

  CREATE TABLE outcome_commits (
    outcome_id INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    commit_id  INTEGER NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    PRIMARY KEY (outcome_id, commit_id)
  ) WITHOUT ROWID;
  CREATE INDEX outcome_commits_by_commit ON outcome_commits (commit_id);
  `,
  // 1 → 2: closed branches, and outcomes that appear under a branch's outcome.
  `
  ALTER TABLE outcomes ADD COLUMN parent_id INTEGER REFERENCES outcomes(id) ON DELETE SET NULL;
  CREATE INDEX outcomes_by_parent ON outcomes (parent_id);

  CREATE TABLE branches (
    id          INTEGER PRIMARY KEY,
    repo_id     INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    tip         TEXT    NOT NULL,
    closed_as   TEXT    NOT NULL CHECK (closed_as IN ('merged', 'squash-merged', 'deleted')),
    into_branch TEXT,
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'named', 'routine', 'skipped', 'abandoned')),
    outcome_id  INTEGER REFERENCES outcomes(id) ON DELETE SET NULL,
    draft       TEXT,
    closed_at   INTEGER NOT NULL,
    UNIQUE (repo_id, name, tip)
  );
  CREATE INDEX branches_by_status ON branches (status, closed_at);

  CREATE TABLE branch_commits (
    branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    commit_id INTEGER NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    PRIMARY KEY (branch_id, commit_id)
  ) WITHOUT ROWID;
  CREATE INDEX branch_commits_by_commit ON branch_commits (commit_id);
  `,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
