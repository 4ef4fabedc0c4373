/**
 * History: the user's commits and the branches merged before Progress Log looked, imported so that
 * day one is not empty. They are recorded as `history`: shown in their weeks as routine activity,
 * nameable from the Weekly Log, never waiting for a name, never counted in the status bar, never
 * asked about. An import writes in batches, each its own short transaction, so that other windows
 * never wait long for the database; a row that exists is left as it is, so importing twice adds
 * nothing, and no clone's scan position moves. Also the machine-local "offered once" of the
 * import. Nothing here knows VS Code.
 */
import { newId } from '../core/ulid';
import type { Database } from './database';
import { historyCommitId, historyKeyOf, RECORD_OF_SHA } from './rows';

/** A commit of the user's from before Progress Log, as an import read it. */
export interface HistoryCommit {
  sha: string;
  subject: string;
  authorEmail: string;
  authorTime: number;
  /** The branch it was made on, as far as history tells: a merged branch, or the one it is on. */
  branch: string | null;
}

/** A branch merged into the default branch before Progress Log, with the user's commits on it. */
export interface HistoryBranch {
  name: string;
  /** The commit the branch pointed at when merged (the merge's second parent). */
  tip: string;
  into: string | null;
  /** When it was merged: the merge commit's author time. */
  mergedAt: number;
  /** The user's commits on it. */
  shas: readonly string[];
}

/** One transaction's worth of an import. */
export interface HistoryBatch {
  commits: readonly HistoryCommit[];
  branches: readonly HistoryBranch[];
}

/** What a batch added. */
export interface ImportedCounts {
  commits: number;
  branches: number;
}

/**
 * Inserts history rows, `rows` at a time. A row of `history` is one entry of one b-tree, in
 * author-time order per repository: an import writes near where it wrote last, never all over the
 * file. A row that is there already is left as it is, or with `relabel` takes the branch the
 * batch gives it (a second, topological read of the same history).
 */
function insertHistorySql(rows: number, relabel: boolean): string {
  return `INSERT INTO history (repo_id, author_time, sha, subject, author_email, branch)
    VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}
    ON CONFLICT (repo_id, author_time, sha) DO ${relabel ? 'UPDATE SET branch = excluded.branch WHERE branch IS NOT excluded.branch' : 'NOTHING'}`;
}

/**
 * Rows per INSERT, largest first: 1,000 rows (6,000 parameters, SQLite allows 32,766) write a
 * batch in a few statements; the rest of a batch goes 50, then 1, at a time, so that three
 * statements serve every batch.
 */
const HISTORY_INSERTS = [1000, 50, 1];

/**
 * Takes a row of `history` into `commits` (status `history`, the id historyCommitId gives
 * it), for whatever must refer to it as a record: naming it, a rewrite it follows, a reset that
 * leaves it gone. Returns the id of its record: that one, or the record that has its sha already.
 * Undefined when history holds no such row. Inside a write.
 */
export function recordHistoryRow(db: Database, repoId: string, authorTime: number, sha: string): string | undefined {
  const row = db
    .statement<[string, number, string], { subject: string; author_email: string; branch: string | null }>(
      'DELETE FROM history WHERE repo_id = ? AND author_time = ? AND sha = ? RETURNING subject, author_email, branch',
    )
    .get(repoId, authorTime, sha);
  if (!row) return undefined;
  const now = db.now();
  db.statement(
    `INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, patch_id, recorded_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'history', NULL, ?, ?) ON CONFLICT (repo_id, sha) DO NOTHING`,
  ).run(historyCommitId(repoId, authorTime, sha), repoId, sha, row.subject, row.author_email, authorTime, row.branch, now, now);
  return db.statement<[{ repoId: string; sha: string }], { id: string | null }>(`SELECT ${RECORD_OF_SHA} AS id`).get({ repoId, sha })?.id ?? undefined;
}

/** recordHistoryRow for an id a reader handed out: a history row's id is taken into `commits` first. Inside a write. */
export function recordedId(db: Database, id: string): string {
  const key = historyKeyOf(id);
  return (key && recordHistoryRow(db, key.repoId, key.authorTime, key.sha)) ?? id;
}

export class HistoryRecords {
  constructor(private readonly db: Database) {}

  /**
   * Records a batch of history in one immediate transaction: commits that no record of
   * `commits` has (under its sha or one it had) into `history`, then branches not recorded
   * yet. A branch whose recorded commits wait for a name (or for their branch to land) is the
   * scanner's to ask about: left out. With `relabel`, rows written before take the batch's
   * branch (see insertHistorySql); counts are of rows added either way.
   */
  importBatch(repoId: string, batch: HistoryBatch, options: { relabel?: boolean } = {}): ImportedCounts {
    return this.db.write(() => {
      const now = this.db.now();
      const relabel = options.relabel ?? false;
      const known = this.recordedAmong(repoId, batch.commits, relabel);
      const fresh = batch.commits.filter((commit) => !known.has(commit.sha) || (relabel && known.get(commit.sha) === 'history'));
      let commits = 0;
      let start = 0;
      for (const rows of HISTORY_INSERTS) {
        const insert = this.db.statement(insertHistorySql(rows, relabel));
        for (; fresh.length - start >= rows; start += rows) {
          const parameters: unknown[] = [];
          for (let index = start; index < start + rows; index++) {
            const commit = fresh[index];
            parameters.push(repoId, commit.authorTime, commit.sha, commit.subject, commit.authorEmail, commit.branch);
          }
          commits += insert.run(parameters).changes;
        }
      }
      // Relabelled rows count as changes too: what was added is what history did not hold.
      if (relabel) commits = fresh.filter((commit) => !known.has(commit.sha)).length;
      let branches = 0;
      for (const branch of batch.branches) if (this.importBranch(repoId, branch, now)) branches++;
      if (commits + branches > 0 || relabel) this.db.markLogChanged();
      return { commits, branches };
    });
  }

  /** Of `commits`, the shas the repository has recorded: as a record's sha now or before, or as history. */
  knownShas(repoId: string, commits: readonly Pick<HistoryCommit, 'sha' | 'authorTime'>[]): Set<string> {
    return this.db.read(() => new Set(this.recordedAmong(repoId, commits, true).keys()));
  }

  /** Whether this clone was ever offered an import (on any day, in any window). */
  importOffered(cloneId: number): boolean {
    return this.db.read(
      () => (this.db.statement<[number], { offered: number | null }>('SELECT import_offered_at AS offered FROM clones WHERE id = ?').get(cloneId)?.offered ?? null) !== null,
    );
  }

  /**
   * Claims the one offer of an import for a clone: true for the first caller, in whichever window,
   * false ever after. Machine-local, like the clone.
   */
  claimImportOffer(cloneId: number): boolean {
    return this.db.write(() => this.db.statement('UPDATE clones SET import_offered_at = ? WHERE id = ? AND import_offered_at IS NULL').run(this.db.now(), cloneId).changes > 0);
  }

  /**
   * Of `commits`, the shas recorded in the repository, and where: `commits` (a record's sha,
   * looked up in the batch's span of author times on commits_by_author_time), `alias` (a sha a
   * record had before, or a copy of it: few, read whole), and with `withHistory`, `history`
   * (a row of history in the span). A few range reads, not one lookup per commit.
   */
  private recordedAmong(repoId: string, commits: readonly Pick<HistoryCommit, 'sha' | 'authorTime'>[], withHistory: boolean): Map<string, 'commits' | 'alias' | 'history'> {
    const found = new Map<string, 'commits' | 'alias' | 'history'>();
    if (commits.length === 0) return found;
    const wanted = new Set(commits.map((commit) => commit.sha));
    let from = Infinity;
    let to = -Infinity;
    for (const commit of commits) {
      from = Math.min(from, commit.authorTime);
      to = Math.max(to, commit.authorTime);
    }
    const spans: ['history' | 'commits', string][] = [['commits', 'SELECT sha FROM commits WHERE repo_id = ? AND author_time >= ? AND author_time <= ?']];
    if (withHistory) spans.push(['history', 'SELECT sha FROM history WHERE repo_id = ? AND author_time >= ? AND author_time <= ?']);
    for (const [where, sql] of spans) {
      for (const row of this.db.statement<[string, number, number], { sha: string }>(sql).iterate(repoId, from, to)) if (wanted.has(row.sha)) found.set(row.sha, where);
    }
    for (const row of this.db.statement<[string], { sha: string }>('SELECT sha FROM commit_aliases WHERE repo_id = ?').iterate(repoId)) {
      if (wanted.has(row.sha) && !found.has(row.sha)) found.set(row.sha, 'alias');
    }
    return found;
  }

  /**
   * Records a merged branch of history once, linked to those of its commits that are records of
   * `commits` (its commits in `history` name it in their own `branch`). Left out while
   * a recorded commit of it waits for a name or for its branch to land.
   */
  private importBranch(repoId: string, branch: HistoryBranch, now: number): boolean {
    const idOf = this.db.statement<[{ repoId: string; sha: string }], { commit_id: string; status: string }>(
      `SELECT id AS commit_id, status FROM commits WHERE id = ${RECORD_OF_SHA}`,
    );
    const commits = branch.shas.map((sha) => idOf.get({ repoId, sha })).filter((row) => row !== undefined);
    if (commits.some((commit) => commit.status === 'pending' || commit.status === 'open')) return false;
    const branchId = newId(now);
    const inserted = this.db
      .statement(
        `INSERT INTO branches (id, repo_id, name, tip, closed_as, into_branch, status, closed_at, updated_at) VALUES (?, ?, ?, ?, 'merged', ?, 'history', ?, ?)
         ON CONFLICT (repo_id, name, tip) DO NOTHING`,
      )
      .run(branchId, repoId, branch.name, branch.tip, branch.into, branch.mergedAt, now);
    if (inserted.changes === 0) return false;
    const link = this.db.statement('INSERT OR IGNORE INTO branch_commits (branch_id, commit_id) VALUES (?, ?)');
    for (const id of new Set(commits.map((commit) => commit.commit_id))) link.run(branchId, id);
    return true;
  }
}
