/**
 * The read paths after years of use, for `npm run bench`: a store of 100,000 outcomes and 1,000,000
 * commits over twenty years (written with SQL in bulk, not through the app, so that it takes
 * seconds), and the raw SQLite queries that fetch the same rows, as floors.
 */
import Database from 'better-sqlite3';
import { silentLogger } from '../src/core/logger';
import { Store } from '../src/storage/store';

export const OUTCOMES = 100_000;
export const COMMITS = 1_000_000;
const YEARS = 20;
const REPOSITORIES = 4;
const BRANCHES = 5_000;

/**
 * Fills a new database: commits evenly over twenty years (or `years`) up to `now`, by the tenth: 4
 * named (by one outcome each four), 3 routine, 2 history (as an import writes it: no patch id), 1
 * skipped; the last 2,000 hold work waiting for a name and work on open branches. Closed branches:
 * history, one in ten abandoned.
 */
export function buildLargeStore(file: string, now: number, years = YEARS): void {
  Store.open(file, { logger: silentLogger }).close(); // the schema, as the extension makes it
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const span = years * 365 * 86_400_000;
  const start = now - span;
  const step = Math.floor(span / COMMITS);
  const repo = (expression: string) => `printf('REPO%022d', (${expression}) % ${REPOSITORIES})`;
  db.transaction(() => {
    for (let index = 0; index < REPOSITORIES; index++) {
      // Known as a scan knows a repository: by its first commit and its remote (sync names it so).
      db.prepare('INSERT INTO repositories (id, name, root_commit, remote_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        `REPO${String(index).padStart(22, '0')}`,
        `repo-${index}`,
        `${index + 1}`.padStart(40, 'f'),
        `git@github.com:acme/repo-${index}`,
        start,
        start,
      );
    }
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${COMMITS - 1}),
       s(i, status) AS (SELECT i, CASE WHEN i >= ${COMMITS - 2000} AND i % 10 = 9 THEN 'pending' WHEN i >= ${COMMITS - 2000} AND i % 10 = 8 THEN 'open'
                   WHEN i % 10 < 4 THEN 'named' WHEN i % 10 < 7 THEN 'routine' WHEN i % 10 < 9 THEN 'history' ELSE 'skipped' END FROM n)
       INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, patch_id, recorded_at, updated_at)
       SELECT printf('C%025d', i), ${repo('i')}, printf('%040x', i), 'chore: change ' || i, 'dev@example.com', @start + i * @step, 'main', 0,
              status, CASE status WHEN 'history' THEN NULL ELSE '' END, @start, @start FROM s`,
    ).run({ start, step });
    db.prepare(
      `WITH RECURSIVE n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < ${OUTCOMES - 1})
       INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, branch)
       SELECT printf('O%025d', j), 'Shipped improvement number ' || j || ' for the people who use it', CASE WHEN j % 5 < 2 THEN 'impact' ELSE 'routine' END, 'commit',
              @start + (10 * j + 3) * @step, @start, @start, ${repo('10 * j + 3')}, 'main' FROM n`,
    ).run({ start, step });
    db.exec(
      `WITH RECURSIVE n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < ${OUTCOMES - 1}), k(x) AS (VALUES (0), (1), (2), (3))
       INSERT INTO outcome_commits (outcome_id, commit_id) SELECT printf('O%025d', j), printf('C%025d', 10 * j + x) FROM n, k`,
    );
    db.prepare(
      `WITH RECURSIVE n(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM n WHERE b < ${BRANCHES - 1})
       INSERT INTO branches (id, repo_id, name, tip, closed_as, into_branch, status, closed_at, updated_at)
       SELECT printf('B%025d', b), ${repo('b')}, 'feature/' || b, printf('%040x', b), CASE WHEN b % 10 = 0 THEN 'deleted' ELSE 'merged' END, 'main',
              CASE WHEN b % 10 = 0 THEN 'abandoned' ELSE 'history' END, @start + b * ${Math.floor(span / BRANCHES)}, @start FROM n`,
    ).run({ start });
    db.exec('UPDATE log_version SET version = version + 1');
  })();
  // No ANALYZE: Progress Log never runs it, so SQLite plans these reads the way it will for a user.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The raw queries that fetch what one week of the tree shows: its outcomes and their commits, routine activity and history, open and waiting work, closed branches. */
export function rawWeek(db: Database.Database): (from: number, to: number) => void {
  const outcomes = db.prepare('SELECT * FROM outcomes WHERE +parent_id IS NULL AND happened_at >= ? AND happened_at < ?');
  const linked = db.prepare('SELECT oc.outcome_id, c.* FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE o.happened_at >= ? AND o.happened_at < ?');
  const commits = db.prepare("SELECT * FROM commits WHERE status IN ('routine', 'history', 'open', 'pending') AND author_time >= ? AND author_time < ?");
  const branches = db.prepare("SELECT * FROM branches WHERE status IN ('pending', 'abandoned') AND closed_at >= ? AND closed_at < ?");
  return (from, to) => {
    outcomes.all(from, to);
    linked.all(from, to);
    commits.all(from, to);
    branches.all(from, to);
  };
}

/** The raw queries that fetch what an export of a span shows: its outcomes and their commits, routine counts per repository, the waiting count. */
export function rawExport(db: Database.Database): (from: number, to: number) => void {
  const outcomes = db.prepare('SELECT * FROM outcomes WHERE happened_at >= ? AND happened_at < ?');
  const linked = db.prepare('SELECT oc.outcome_id, c.sha, c.subject FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE o.happened_at >= ? AND o.happened_at < ?');
  const routine = db.prepare("SELECT repo_id, count(*) FROM commits WHERE status IN ('routine', 'history') AND author_time >= ? AND author_time < ? GROUP BY repo_id");
  const waiting = db.prepare("SELECT count(*) FROM commits WHERE status = 'pending' AND author_time >= ? AND author_time < ?");
  return (from, to) => {
    outcomes.all(from, to);
    linked.all(from, to);
    routine.all(from, to);
    waiting.all(from, to);
  };
}
