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
import { RECORD_OF_SHA } from './rows';

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

/** Shas per lookup statement: fewer statements to run, well under SQLite's limit on parameters. */
const ROWS_PER_STATEMENT = 50;

/**
 * Inserts history commits, `rows` at a time. A history commit is one row of `commits` and nothing
 * else: its sha is found through the row's own UNIQUE (repo_id, sha), and its patch id stays
 * unknown (NULL, outside the patch-id index): copies of old work are recognised by author and date,
 * and no scan spends its time computing patch ids for years of history.
 */
function insertHistorySql(rows: number): string {
  return `INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, patch_id, recorded_at, updated_at)
    VALUES ${Array.from({ length: rows }, () => "(?, ?, ?, ?, ?, ?, ?, 0, 'history', NULL, ?, ?)").join(', ')}
    ON CONFLICT (repo_id, sha) DO NOTHING`;
}

/**
 * Rows per INSERT, largest first: 1,000 rows (9,000 parameters, SQLite allows 32,766) wrote
 * 100,000 commits about 10% faster than 50; the rest of a batch goes 50, then 1, at a time, so
 * that three statements serve every batch.
 */
const HISTORY_INSERTS = [1000, 50, 1].map((rows) => ({ rows, sql: insertHistorySql(rows) }));

export class HistoryRecords {
  constructor(private readonly db: Database) {}

  /**
   * Records a batch of history in one immediate transaction: commits not recorded under any sha
   * they have had, then branches not recorded yet that hold at least one of them. A branch whose
   * commits wait for a name (or for their branch to land) is the scanner's to ask about: left out.
   */
  importBatch(repoId: string, batch: HistoryBatch): ImportedCounts {
    return this.db.write(() => {
      const now = this.db.now();
      // A sha recorded as a commit's own is skipped by the insert; one a record had before (or a copy of it) here.
      const otherNames = this.recordedAmong(repoId, batch.commits.map((commit) => commit.sha), false);
      const fresh = batch.commits.filter((commit) => !otherNames.has(commit.sha));
      let commits = 0;
      let start = 0;
      for (const { rows, sql } of HISTORY_INSERTS) {
        const insert = this.db.statement(sql);
        for (; fresh.length - start >= rows; start += rows) {
          const parameters: unknown[] = [];
          for (const commit of fresh.slice(start, start + rows)) {
            parameters.push(newId(now), repoId, commit.sha, commit.subject, commit.authorEmail, commit.authorTime, commit.branch, now, now);
          }
          commits += insert.run(parameters).changes;
        }
      }
      let branches = 0;
      for (const branch of batch.branches) if (this.importBranch(repoId, branch, now)) branches++;
      if (commits + branches > 0) this.db.markLogChanged();
      return { commits, branches };
    });
  }

  /** Of `shas`, those recorded in the repository, under the sha a record has now or had before. */
  knownShas(repoId: string, shas: readonly string[]): Set<string> {
    return this.db.read(() => this.recordedAmong(repoId, shas, true));
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
   * Of `shas`, those that are another name of a record (a sha it had before, or a copy of it), and
   * with `ownToo` those that are a record's own sha too.
   */
  private recordedAmong(repoId: string, shas: readonly string[], ownToo: boolean): Set<string> {
    const found = new Set<string>();
    for (let start = 0; start < shas.length; start += ROWS_PER_STATEMENT) {
      const part = shas.slice(start, start + ROWS_PER_STATEMENT);
      const list = part.map(() => '?').join(', ');
      const own = ownToo ? `SELECT sha FROM commits WHERE repo_id = ? AND sha IN (${list}) UNION ALL ` : '';
      const rows = this.db
        .statement<unknown[], { sha: string }>(`${own}SELECT sha FROM commit_aliases WHERE repo_id = ? AND sha IN (${list})`)
        .all(ownToo ? [repoId, ...part, repoId, ...part] : [repoId, ...part]);
      for (const row of rows) found.add(row.sha);
    }
    return found;
  }

  private importBranch(repoId: string, branch: HistoryBranch, now: number): boolean {
    const idOf = this.db.statement<[{ repoId: string; sha: string }], { commit_id: string; status: string }>(
      `SELECT id AS commit_id, status FROM commits WHERE id = ${RECORD_OF_SHA}`,
    );
    const commits = branch.shas.map((sha) => idOf.get({ repoId, sha })).filter((row) => row !== undefined);
    if (commits.length === 0 || commits.some((commit) => commit.status === 'pending' || commit.status === 'open')) return false;
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
