/**
 * The schema, as an ordered list of migrations. Migration N takes a database from
 * `PRAGMA user_version = N` to N + 1, inside one immediate transaction. Never edit a released
 * migration: add the next one. (This file only grows, and its old schemas stay as they were
 * released, which is why it is longer than the rest and why schema 3 repeats tables of schema 1.)
 * A migration calls no live code of Progress Log: each helper it uses is copied here as it was
 * when the migration was released (a test fails on any import from the project), so that changing
 * the live helper never changes what an old migration does. src/storage/schema.sql shows where
 * they lead: the schema as it stands.
 */
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

/** A step of the schema: plain SQL, or code when rows must be rewritten. */
export type Migration = string | ((db: Database.Database) => void);

export const MIGRATIONS: readonly Migration[] = [
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
  // 2 → 3: records that travel, and machine-local state apart from the log.
  (db) => migrateToTravellingRecords(db),
  // 3 → 4: goals that outcomes move forward, weekly reviews with their highlights, and the
  // machine-local state of the review nudge, active days and the history-import offer.
  `
  CREATE TABLE goals (
    id          TEXT    PRIMARY KEY,
    title       TEXT    NOT NULL,
    why         TEXT,
    target_day  TEXT,
    status      TEXT    NOT NULL CHECK (status IN ('active', 'completed', 'dropped')),
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    closed_at   INTEGER
  );
  CREATE INDEX goals_by_status ON goals (status, position);

  ALTER TABLE outcomes ADD COLUMN goal_id TEXT REFERENCES goals(id) ON DELETE SET NULL;
  CREATE INDEX outcomes_by_goal ON outcomes (goal_id, happened_at);

  CREATE TABLE reviews (
    id            TEXT    PRIMARY KEY,
    week_start    INTEGER NOT NULL UNIQUE,
    week_end      INTEGER NOT NULL,
    moved_forward TEXT,
    busy_work     TEXT,
    next_focus    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
  );

  CREATE TABLE review_highlights (
    review_id  TEXT    NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    outcome_id TEXT    NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (review_id, outcome_id)
  ) WITHOUT ROWID;

  -- Machine-local: which window nudged about which week's review, and how it was answered.
  CREATE TABLE nudges (
    week_start INTEGER PRIMARY KEY,
    claimed_at INTEGER NOT NULL,
    answer     TEXT,
    answered_at INTEGER
  ) WITHOUT ROWID;

  -- Machine-local: local days on which the user was active in VS Code ("2026-11-20").
  CREATE TABLE active_days (
    day      TEXT    PRIMARY KEY,
    first_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- Machine-local: when the history import was offered for a clone (offered once, ever).
  ALTER TABLE clones ADD COLUMN import_offered_at INTEGER;
  `,
  // 4 → 5: counting the commits that exist and are not merges (the insight numbers, routine
  // activity) reads the index alone instead of every commit's row: 1,000,000 commits in 118–225 ms
  // instead of 382–1,481 ms.
  `
  CREATE INDEX commits_live_by_status ON commits (status, author_time) WHERE gone_at IS NULL AND is_merge = 0;
  `,
  // 5 → 6: Insights count a year of a heavy log (1,000,000 commits, 100,000 outcomes) from two
  // indexes alone. Each also holds the columns its condition names, so that SQLite knows it covers
  // the count and never visits a row (a quarter less time per commit). commits_live_by_status is
  // otherwise as before; outcomes_shown_by_repo holds the outcomes the Weekly Log lists
  // (top-level) in the order Insights counts them, per repository, kind and week, with their goal:
  // no row read, nothing sorted (5–9 ms instead of 33–46 ms). Queries that keep off it say
  // `+parent_id IS NULL` (the Weekly Log reads by time).
  `
  DROP INDEX commits_live_by_status;
  CREATE INDEX commits_live_by_status ON commits (status, author_time, gone_at, is_merge) WHERE gone_at IS NULL AND is_merge = 0;
  CREATE INDEX outcomes_shown_by_repo ON outcomes (repo_id, kind, happened_at, goal_id, parent_id) WHERE parent_id IS NULL;
  `,
  // 6 → 7: a leaner home for history. A commit's current sha is its own row's (UNIQUE (repo_id,
  // sha) finds it), so commit_aliases keeps only the other names of a record: the shas it had
  // before an amend, rebase or cherry-pick moved it, and copies of it (a backport). And history's
  // patch id is unknown (NULL, so outside commits_by_patch_id), not '': it is never computed.
  // An imported commit then writes one row in six b-trees instead of nine. The two reads each
  // scan makes of a repository's recorded work get partial indexes without history, so that a
  // scan after 100,000 imported commits no longer reads them all (scanRecords' WITHOUT_PATCH_ID
  // and BRANCHES_WITH_WORK repeat these terms).
  (db) => {
    keepOnly(db, 'commit_aliases', 'NOT EXISTS (SELECT 1 FROM commits c WHERE c.id = commit_aliases.commit_id AND c.sha = commit_aliases.sha)');
    db.exec(`
      UPDATE commits SET patch_id = NULL WHERE status = 'history' AND patch_id = '';
      CREATE INDEX commits_without_patch_id ON commits (repo_id, recorded_at)
        WHERE patch_id IS NULL AND is_merge = 0 AND gone_at IS NULL AND status NOT IN ('ignored', 'history');
      CREATE INDEX commits_work_by_branch ON commits (repo_id, branch, author_time)
        WHERE branch IS NOT NULL AND gone_at IS NULL AND is_merge = 0 AND status IN ('open', 'pending', 'named', 'routine', 'skipped');
    `);
  },
  // 7 → 8: imported history gets a table of its own, one b-tree ordered as it is read (per
  // repository, newest first: git hands history over newest first, so an import appends at the
  // b-tree's end, where SQLite fills pages whole instead of splitting them). A commit in `commits`
  // costs six b-trees, two of them keyed at random (its ULID and its sha): 100,000 imported commits
  // took 1.7 s on disk there, against 0.3 s here (0.44 s oldest first, in a file 60% larger); `git
  // log` itself takes 0.6 s. A row stays here while nothing refers to it; naming it, a rewrite or a
  // reset moves it to `commits` (status `history`, the id historyCommitId gives it, see
  // src/storage/historyRecords.ts). History imported before stays in `commits`: readers read both.
  `
  CREATE TABLE history (
    repo_id      TEXT    NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    author_time  INTEGER NOT NULL,
    sha          TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    author_email TEXT    NOT NULL,
    branch       TEXT,
    PRIMARY KEY (repo_id, author_time DESC, sha)
  ) WITHOUT ROWID;
  `,
  // 8 → 9: the log on every machine (src/sync). Every change a person makes is an operation: its
  // ULID, the machine that made it, a Lamport clock, and the change as it travels (no path of this
  // machine, no ids of this machine's repository or commit rows). Operations are applied by id
  // (twice changes nothing), and each field of a record holds the value of the operation that set
  // it last by (clock, machine): field_versions keeps that stamp and the value, also for a record
  // this machine has not seen created yet. A deleted outcome keeps its content in its tombstone, so
  // that a restore, made here or synced, brings it back. sync_state is machine-local: this
  // database's machine id and clock, and how far each machine's operations were read.
  `
  CREATE TABLE operations (
    id         TEXT    PRIMARY KEY,
    machine_id TEXT    NOT NULL,
    clock      INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    sent_in    TEXT
  ) WITHOUT ROWID;
  CREATE INDEX operations_unsent ON operations (clock, id) WHERE sent_in IS NULL;
  CREATE TABLE field_versions (
    record     TEXT    NOT NULL,
    field      TEXT    NOT NULL,
    clock      INTEGER NOT NULL,
    machine_id TEXT    NOT NULL,
    value      TEXT,
    PRIMARY KEY (record, field)
  ) WITHOUT ROWID;
  CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE tombstones ADD COLUMN body TEXT;
  `,
  // 9 → 10: whether the work is growing. An outcome may say who it reached (none until the person
  // says; history and routine work carry none) and that it was a first. A week may hold a plan: up
  // to five intended outcomes, each settled by the next review as landed (by an outcome), moved on
  // or dropped. Plan items have ULIDs and travel between machines like goals. The outcome an item
  // landed as is no foreign key: a deleted outcome comes back with its restore, and with it the link.
  `
  ALTER TABLE outcomes ADD COLUMN reach TEXT CHECK (reach IN ('me', 'team', 'teams', 'users', 'organisation'));
  ALTER TABLE outcomes ADD COLUMN is_first INTEGER NOT NULL DEFAULT 0 CHECK (is_first IN (0, 1));
  CREATE TABLE plan_items (
    id         TEXT    PRIMARY KEY,
    week_start INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    goal_id    TEXT    REFERENCES goals(id) ON DELETE SET NULL,
    due_day    TEXT,
    state      TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'landed', 'moved', 'dropped')),
    outcome_id TEXT,
    position   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX plan_items_by_week ON plan_items (week_start, position);
  CREATE INDEX plan_items_by_outcome ON plan_items (outcome_id) WHERE outcome_id IS NOT NULL;
  CREATE INDEX outcomes_firsts ON outcomes (happened_at) WHERE is_first = 1;
  CREATE INDEX outcomes_shipped_reach ON outcomes (happened_at, reach, repo_id, goal_id) WHERE kind = 'impact' AND parent_id IS NULL;
  `,
  // 10 → 11: imported history on every machine, without its commits travelling. history_ranges is
  // shared: per repository, the widest range any machine imported (since, ms; NULL for all
  // history), merged by keeping the earliest, so that every machine ends with the same whatever
  // order the imports reach it in. history_imported is machine-local: how far back this machine
  // imported (NULL: all of it); where the shared range reaches further, a machine with a clone
  // reads the rest from its own git, in one window or process at a time (history_catch_ups, also
  // machine-local: who claimed it, when). What earlier imports left counts as imported from its
  // earliest commit.
  `
  CREATE TABLE history_ranges (
    repo_id TEXT    PRIMARY KEY REFERENCES repositories(id) ON DELETE CASCADE,
    since   INTEGER
  ) WITHOUT ROWID;
  CREATE TABLE history_imported (
    repo_id TEXT    PRIMARY KEY REFERENCES repositories(id) ON DELETE CASCADE,
    since   INTEGER
  ) WITHOUT ROWID;
  CREATE TABLE history_catch_ups (
    repo_id    TEXT    PRIMARY KEY REFERENCES repositories(id) ON DELETE CASCADE,
    claimed_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO history_imported (repo_id, since)
    SELECT repo_id, min(author_time) FROM (
      SELECT repo_id, author_time FROM history
      UNION ALL
      SELECT repo_id, author_time FROM commits WHERE status = 'history'
    ) GROUP BY repo_id;
  `,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The log's own tables (version 3). Records of the log have ULIDs; a repository is known by its
 * first commit and remote, and `clones` says where it lives on this machine. Machine-local state
 * (clones, ref positions, drafts) is kept in tables of its own. Deletions leave tombstones.
 */
const SCHEMA_V3 = `
  CREATE TABLE repositories (
    id             TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL,
    root_commit    TEXT,
    remote_url     TEXT,
    default_branch TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
  );
  CREATE INDEX repositories_by_root_commit ON repositories (root_commit);

  CREATE TABLE commits (
    id           TEXT    PRIMARY KEY,
    repo_id      TEXT    NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    sha          TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    author_email TEXT    NOT NULL,
    author_time  INTEGER NOT NULL,
    branch       TEXT,
    is_merge     INTEGER NOT NULL DEFAULT 0,
    status       TEXT    NOT NULL CHECK (status IN ('open', 'pending', 'named', 'routine', 'skipped', 'ignored', 'history')),
    patch_id     TEXT,
    gone_at      INTEGER,
    ask_group    TEXT,
    recorded_at  INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (repo_id, sha)
  );
  CREATE INDEX commits_by_status ON commits (status, author_time);
  CREATE INDEX commits_by_author_time ON commits (repo_id, author_time);
  CREATE INDEX commits_by_patch_id ON commits (repo_id, patch_id) WHERE patch_id IS NOT NULL;
  CREATE INDEX commits_by_group ON commits (ask_group) WHERE ask_group IS NOT NULL;

  -- Every sha a commit record has had (it follows amends, rebases, cherry-picks).
  CREATE TABLE commit_aliases (
    repo_id   TEXT NOT NULL,
    sha       TEXT NOT NULL,
    commit_id TEXT NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    PRIMARY KEY (repo_id, sha)
  ) WITHOUT ROWID;
  CREATE INDEX commit_aliases_by_commit ON commit_aliases (commit_id);

  CREATE TABLE outcomes (
    id          TEXT    PRIMARY KEY,
    text        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('impact', 'routine')),
    source      TEXT    NOT NULL CHECK (source IN ('commit', 'branch', 'manual')),
    happened_at INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    repo_id     TEXT    REFERENCES repositories(id) ON DELETE SET NULL,
    branch      TEXT,
    parent_id   TEXT    REFERENCES outcomes(id) ON DELETE SET NULL
  );
  CREATE INDEX outcomes_by_time ON outcomes (happened_at);
  CREATE INDEX outcomes_by_parent ON outcomes (parent_id);

  CREATE TABLE outcome_commits (
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    commit_id  TEXT NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    PRIMARY KEY (outcome_id, commit_id)
  ) WITHOUT ROWID;
  CREATE INDEX outcome_commits_by_commit ON outcome_commits (commit_id);

  CREATE TABLE branches (
    id          TEXT    PRIMARY KEY,
    repo_id     TEXT    NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    tip         TEXT    NOT NULL,
    closed_as   TEXT    NOT NULL CHECK (closed_as IN ('merged', 'squash-merged', 'deleted')),
    into_branch TEXT,
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'named', 'routine', 'skipped', 'covered', 'abandoned', 'history')),
    outcome_id  TEXT    REFERENCES outcomes(id) ON DELETE SET NULL,
    closed_at   INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (repo_id, name, tip)
  );
  CREATE INDEX branches_by_status ON branches (status, closed_at);

  CREATE TABLE branch_commits (
    branch_id TEXT NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    commit_id TEXT NOT NULL REFERENCES commits(id) ON DELETE CASCADE,
    PRIMARY KEY (branch_id, commit_id)
  ) WITHOUT ROWID;
  CREATE INDEX branch_commits_by_commit ON branch_commits (commit_id);

  -- Deletions, so that they can travel with the log.
  CREATE TABLE tombstones (
    id         TEXT    PRIMARY KEY,
    kind       TEXT    NOT NULL,
    deleted_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- Bumped by every write that changes what the log shows: other windows poll it.
  CREATE TABLE log_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  INSERT INTO log_version (id, version) VALUES (1, 0);

  -- Machine-local state: where repositories live here, where their refs were, what was typed.
  CREATE TABLE clones (
    id            INTEGER PRIMARY KEY,
    path          TEXT    NOT NULL UNIQUE,
    repo_id       TEXT    NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    first_seen_at INTEGER NOT NULL,
    scanned_at    INTEGER,
    reflog        TEXT
  );
  CREATE INDEX clones_by_repo ON clones (repo_id);

  CREATE TABLE ref_positions (
    clone_id INTEGER NOT NULL REFERENCES clones(id) ON DELETE CASCADE,
    ref      TEXT    NOT NULL,
    sha      TEXT    NOT NULL,
    PRIMARY KEY (clone_id, ref)
  ) WITHOUT ROWID;

  CREATE TABLE drafts (
    target     TEXT    PRIMARY KEY,
    text       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/**
 * Keeps only the rows of `table` that `keep` selects (a condition on `table`'s columns), by building
 * the table and its indexes anew from their own definitions and dropping the old one, which frees
 * its pages without visiting its rows: deleting most of a table's rows one by one took 6.6 s on a
 * log of 1,000,000 commits, this 1.4 s. `table` and `keep` are constants of a migration.
 */
function keepOnly(db: Database.Database, table: string, keep: string): void {
  const definitions = db.prepare<[string], { type: string; name: string; sql: string }>("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL").all(table);
  const indexes = definitions.filter((definition) => definition.type === 'index');
  db.exec(`ALTER TABLE ${table} RENAME TO old_${table}`);
  // Indexes keep their names when their table is renamed; the new table needs the names back.
  for (const { name } of indexes) db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  for (const { sql } of [...definitions.filter((definition) => definition.type === 'table'), ...indexes]) db.exec(sql);
  db.exec(`INSERT INTO ${table} SELECT * FROM old_${table} AS ${table} WHERE ${keep}`);
  db.exec(`DROP TABLE old_${table}`);
}

interface V2Repository {
  id: number;
  root: string;
  remote_url: string | null;
  default_branch: string | null;
  first_seen_at: number;
  scanned_at: number | null;
}

/** Version 2 → 3: every row moves to ULID ids, keeping every link; repositories split into identity and clones. */
function migrateToTravellingRecords(db: Database.Database): void {
  for (const table of ['repositories', 'ref_positions', 'commits', 'outcomes', 'outcome_commits', 'branches', 'branch_commits']) {
    db.exec(`ALTER TABLE ${table} RENAME TO old_${table}`);
  }
  // Indexes keep their names when their table is renamed; the new tables need the names back.
  for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'old_%' AND sql IS NOT NULL").all()) {
    db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  }
  db.exec(SCHEMA_V3);

  const repoIds = new Map<number, string>();
  const insertRepository = db.prepare('INSERT INTO repositories (id, name, remote_url, default_branch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertClone = db.prepare('INSERT INTO clones (id, path, repo_id, first_seen_at, scanned_at) VALUES (?, ?, ?, ?, ?)');
  for (const row of db.prepare<[], V2Repository>('SELECT * FROM old_repositories ORDER BY id').all()) {
    const id = newId(row.first_seen_at);
    repoIds.set(row.id, id);
    // Remote URLs are kept without credentials (a token in an https remote never travels).
    insertRepository.run(id, path.basename(row.root) || row.root, normalizeRemoteUrl(row.remote_url), row.default_branch, row.first_seen_at, row.first_seen_at);
    insertClone.run(row.id, row.root, id, row.first_seen_at, row.scanned_at);
  }
  db.exec('INSERT INTO ref_positions (clone_id, ref, sha) SELECT repo_id, ref, sha FROM old_ref_positions');

  const commitIds = new Map<number, string>();
  const groups = new Map<string, string>();
  const insertCommit = db.prepare(
    `INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, ask_group, recorded_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAlias = db.prepare('INSERT INTO commit_aliases (repo_id, sha, commit_id) VALUES (?, ?, ?)');
  const insertDraft = db.prepare('INSERT OR REPLACE INTO drafts (target, text, updated_at) VALUES (?, ?, ?)');
  type V2Commit = { id: number; repo_id: number; sha: string; subject: string; author_email: string; author_time: number; branch: string | null; is_merge: number; status: string; draft: string | null; seen_at: number };
  for (const row of db.prepare<[], V2Commit>('SELECT * FROM old_commits ORDER BY id').all()) {
    const id = newId(row.seen_at);
    const repoId = repoIds.get(row.repo_id)!;
    commitIds.set(row.id, id);
    // Commits that arrived in one scan were asked about together: one piece of work.
    let group: string | null = null;
    if (row.status === 'pending') {
      const key = `${row.repo_id}:${row.seen_at}`;
      group = groups.get(key) ?? newId(row.seen_at);
      groups.set(key, group);
      if (row.draft) insertDraft.run(`group:${group}`, row.draft, row.seen_at);
    }
    insertCommit.run(id, repoId, row.sha, row.subject, row.author_email, row.author_time, row.branch, row.is_merge, row.status, group, row.seen_at, row.seen_at);
    insertAlias.run(repoId, row.sha, id);
  }

  const outcomeIds = new Map<number, string>();
  type V2Outcome = { id: number; text: string; kind: string; source: string; happened_at: number; created_at: number; repo_id: number | null; branch: string | null; parent_id: number | null };
  const outcomes = db.prepare<[], V2Outcome>('SELECT * FROM old_outcomes ORDER BY id').all();
  for (const row of outcomes) outcomeIds.set(row.id, newId(row.created_at));
  const insertOutcome = db.prepare(
    'INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, branch, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Parents first is not guaranteed by id order after an Undo; foreign keys are checked at the end of the transaction anyway.
  for (const row of outcomes) {
    insertOutcome.run(
      outcomeIds.get(row.id),
      row.text,
      row.kind,
      row.source,
      row.happened_at,
      row.created_at,
      row.created_at,
      row.repo_id === null ? null : (repoIds.get(row.repo_id) ?? null),
      row.branch,
      null,
    );
  }
  const setParent = db.prepare('UPDATE outcomes SET parent_id = ? WHERE id = ?');
  for (const row of outcomes) if (row.parent_id !== null && outcomeIds.has(row.parent_id)) setParent.run(outcomeIds.get(row.parent_id), outcomeIds.get(row.id));
  const linkOutcome = db.prepare('INSERT OR IGNORE INTO outcome_commits (outcome_id, commit_id) VALUES (?, ?)');
  for (const row of db.prepare<[], { outcome_id: number; commit_id: number }>('SELECT * FROM old_outcome_commits').all()) {
    if (outcomeIds.has(row.outcome_id) && commitIds.has(row.commit_id)) linkOutcome.run(outcomeIds.get(row.outcome_id), commitIds.get(row.commit_id));
  }

  type V2Branch = { id: number; repo_id: number; name: string; tip: string; closed_as: string; into_branch: string | null; status: string; outcome_id: number | null; draft: string | null; closed_at: number };
  const branchIds = new Map<number, string>();
  const insertBranch = db.prepare(
    'INSERT INTO branches (id, repo_id, name, tip, closed_as, into_branch, status, outcome_id, closed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const row of db.prepare<[], V2Branch>('SELECT * FROM old_branches ORDER BY id').all()) {
    const id = newId(row.closed_at);
    branchIds.set(row.id, id);
    const outcomeId = row.outcome_id === null ? null : (outcomeIds.get(row.outcome_id) ?? null);
    insertBranch.run(id, repoIds.get(row.repo_id), row.name, row.tip, row.closed_as, row.into_branch, row.status, outcomeId, row.closed_at, row.closed_at);
    if (row.draft && row.status === 'pending') insertDraft.run(`branch:${id}`, row.draft, row.closed_at);
  }
  const linkBranch = db.prepare('INSERT OR IGNORE INTO branch_commits (branch_id, commit_id) VALUES (?, ?)');
  for (const row of db.prepare<[], { branch_id: number; commit_id: number }>('SELECT * FROM old_branch_commits').all()) {
    if (branchIds.has(row.branch_id) && commitIds.has(row.commit_id)) linkBranch.run(branchIds.get(row.branch_id), commitIds.get(row.commit_id));
  }

  for (const table of ['branch_commits', 'branches', 'outcome_commits', 'outcomes', 'commits', 'ref_positions', 'repositories']) {
    db.exec(`DROP TABLE old_${table}`);
  }
}

// Helpers of released migrations, frozen: copies of live code as it was when they were released.

/** src/storage/clones.ts normalizeRemoteUrl as schema 3 was released: credentials, `.git` and a trailing slash come off. */
function normalizeRemoteUrl(url: string | null): string | null {
  if (!url) return null;
  const normalized = url
    .trim()
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '');
  return normalized || null;
}

/** src/core/ulid.ts newId as schema 3 was released: a ULID for `time`, ids of one millisecond in the order they were made. */
const newId = (() => {
  const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const TIME_CHARS = 10;
  const RANDOM_CHARS = 16;
  let lastTime = -1;
  let lastRandom: number[] = [];
  const encodeTime = (time: number): string => {
    let text = '';
    let value = Math.max(0, Math.floor(time));
    for (let index = 0; index < TIME_CHARS; index++) {
      text = ALPHABET[value % 32] + text;
      value = Math.floor(value / 32);
    }
    return text;
  };
  const freshRandom = (): number[] => Array.from(randomBytes(RANDOM_CHARS), (byte) => byte % 32);
  const increment = (digits: number[]): number[] => {
    const next = [...digits];
    for (let index = next.length - 1; index >= 0; index--) {
      if (next[index] < 31) {
        next[index]++;
        return next;
      }
      next[index] = 0;
    }
    return freshRandom();
  };
  return (time: number): string => {
    const random = time === lastTime ? increment(lastRandom) : freshRandom();
    lastTime = time;
    lastRandom = random;
    return encodeTime(time) + random.map((digit) => ALPHABET[digit]).join('');
  };
})();
