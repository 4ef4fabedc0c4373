/**
 * What scans write, and what they look up first. `record` stores one scan atomically: commits
 * that follow a rewrite or a copy, new commits, closed branches, commits that are gone or back,
 * and the clone's new position. A row that exists is not inserted again, so when several windows
 * scan one repository only the window that inserted (or moved) a piece of work asks about it.
 */
import type { BranchClosure, BranchRecord, BranchStatus, CommitRecord, CommitStatus, RepositoryRecord } from '../core/domain';
import { newId } from '../core/ulid';
import type { ReflogCursors } from './clones';
import { Clones } from './clones';
import type { Database } from './database';
import { recordedId, recordHistoryRow } from './historyRecords';
import { BRANCH_COLUMNS, RECORD_OF_SHA, toBranch, toCommit, toHistoryCommit, type BranchRow, type CommitRow, type HistoryRow } from './rows';

/** A commit seen for the first time by a scan, with the status the ask policy gave it. */
export interface NewCommit {
  sha: string;
  subject: string;
  authorEmail: string;
  authorTime: number;
  branch: string | null;
  isMerge: boolean;
  status: Extract<CommitStatus, 'pending' | 'open' | 'ignored' | 'history'>;
  patchId?: string | null;
  /** Other commits with the same change that this record stands for (a copy made in the same look). */
  copies?: readonly string[];
}

/**
 * A recorded commit that now is another commit: amended, rebased, or copied by a cherry-pick.
 * The record follows the new commit; `lands` when the work reached the default branch that way.
 */
export interface Follow {
  commitId: string;
  sha: string;
  subject: string;
  authorTime: number;
  branch: string | null;
  patchId?: string | null;
  lands: boolean;
}

/** A local branch a scan found closed. */
export interface ClosedBranch {
  name: string;
  tip: string;
  closedAs: BranchClosure;
  into: string | null;
  /** Its commits (ids as the branch had them, even if since rewritten), newest first. */
  shas: readonly string[];
  /** Commits made here that landed the branch in one piece (a local squash merge). */
  landedBy?: readonly string[];
  /**
   * Whether its work, asked about already by an earlier look where a copy of it landed (under
   * `workLands`: cherry-picked onto main), covers it. Under `eachCommit` every commit was asked
   * about as it was made, and the branch still asks when it lands.
   */
  coveredByAsked?: boolean;
}

/** What one scan learned about one clone. */
export interface ScanWrite {
  position: ReadonlyMap<string, string>;
  reflog?: ReflogCursors;
  commits: readonly NewCommit[];
  follows?: readonly Follow[];
  closedBranches?: readonly ClosedBranch[];
  /** Recorded commits that no branch, tag, remote or HEAD reaches any more. */
  gone?: readonly string[];
  /** Recorded commits that came back (a reset undone, a deleted branch restored). */
  returned?: readonly string[];
  /** Other names for recorded commits: copies that do not move the record (a backport). */
  aliases?: readonly { commitId: string; sha: string }[];
  /** Closed branches waiting for a name whose landing was undone (the merge reset away): their work is open again. */
  withdrawn?: readonly string[];
}

/** What a scan claimed for this window to ask about. */
export interface Claimed {
  repo: RepositoryRecord;
  commits: CommitRecord[];
  branches: BranchRecord[];
}

/**
 * The two reads each scan makes of a repository's recorded work. Their WHERE clauses are those of
 * the partial indexes commits_without_patch_id and commits_work_by_branch (schema 7), word for
 * word, so that SQLite reads through them and never through the repository's history.
 */
export const WITHOUT_PATCH_ID =
  "SELECT * FROM commits WHERE repo_id = ? AND patch_id IS NULL AND is_merge = 0 AND gone_at IS NULL AND status NOT IN ('ignored', 'history') ORDER BY recorded_at DESC LIMIT ?";
export const BRANCHES_WITH_WORK = `SELECT branch FROM commits
  WHERE repo_id = ? AND branch IS NOT NULL AND gone_at IS NULL AND is_merge = 0 AND status IN ('open', 'pending', 'named', 'routine', 'skipped')
  GROUP BY branch ORDER BY max(author_time) DESC LIMIT ?`;

/** Statuses of commits whose work already has an answer. */
const SETTLED: ReadonlySet<CommitStatus> = new Set(['named', 'routine', 'skipped', 'ignored', 'history']);

export class ScanRecords {
  private readonly clones: Clones;

  constructor(private readonly db: Database) {
    this.clones = new Clones(db);
  }

  /**
   * Records one scan atomically and returns what this call inserted or moved and waits for a
   * name: what this window claimed. Commits of a branch claimed in the same scan are asked about
   * with the branch, not alone.
   */
  record(cloneId: number, repoId: string, scan: ScanWrite): Claimed {
    return this.db.write(() => {
      const now = this.db.now();
      const group = newId(now);
      const claimedCommits = new Map<string, CommitRecord>();
      let changed = false;

      for (const given of scan.follows ?? []) {
        // A rewrite of history still in `history` (commitsByAuthorTime found it there): its row becomes a record to follow.
        const follow = { ...given, commitId: recordedId(this.db, given.commitId) };
        const left = this.commit(follow.commitId)?.sha;
        const moved = this.db
          .statement(
            `UPDATE commits SET sha = ?, subject = ?, author_time = ?, branch = coalesce(?, branch), patch_id = coalesce(?, patch_id), gone_at = NULL, updated_at = ?
              WHERE id = ? AND NOT EXISTS (SELECT 1 FROM commits AS other WHERE other.repo_id = commits.repo_id AND other.sha = ? AND other.id <> commits.id)`,
          )
          .run(follow.sha, follow.subject, follow.authorTime, follow.branch, follow.patchId ?? null, now, follow.commitId, follow.sha);
        if (moved.changes === 0) continue;
        changed = true;
        // The sha it leaves stays one of its names (a reflog, or the work coming back, may name it again).
        if (left !== undefined && left !== follow.sha) this.alias(repoId, left, follow.commitId);
        this.db.statement('DELETE FROM commit_aliases WHERE repo_id = ? AND sha = ?').run(repoId, follow.sha);
        if (follow.lands) {
          const landed = this.db.statement("UPDATE commits SET status = 'pending', ask_group = ?, updated_at = ? WHERE id = ? AND status = 'open'").run(group, now, follow.commitId);
          if (landed.changes > 0) claimedCommits.set(follow.commitId, this.commit(follow.commitId)!);
        }
      }

      const insert = this.db.statement<unknown[], CommitRow>(
        `INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, patch_id, ask_group, recorded_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repo_id, sha) DO NOTHING RETURNING *`,
      );
      for (const commit of scan.commits) {
        // A commit of imported history that arrives again (a reset undone, a branch restored) is that history's record, as it was.
        recordHistoryRow(this.db, repoId, commit.authorTime, commit.sha);
        const row = insert.get(
          newId(now),
          repoId,
          commit.sha,
          commit.subject,
          commit.authorEmail,
          commit.authorTime,
          commit.branch,
          commit.isMerge ? 1 : 0,
          commit.status,
          commit.patchId ?? null,
          commit.status === 'pending' ? group : null,
          now,
          now,
        );
        if (!row) continue; // another window recorded it first
        changed = true;
        for (const copy of commit.copies ?? []) this.alias(repoId, copy, row.id);
        if (row.status === 'pending') claimedCommits.set(row.id, toCommit(row));
      }

      const branches: BranchRecord[] = [];
      for (const closed of scan.closedBranches ?? []) {
        const branch = this.recordClosedBranch(repoId, closed, now, claimedCommits);
        if (!branch) continue;
        changed = true;
        // Asked about with the branch, not alone; a branch covered by them leaves them as they were asked.
        if (branch.status === 'pending') {
          for (const commitId of branch.commitIds) claimedCommits.delete(commitId);
          branches.push(branch);
        }
      }

      for (const { commitId, sha } of scan.aliases ?? []) this.alias(repoId, sha, commitId);
      for (const branchId of scan.withdrawn ?? []) changed = this.withdraw(branchId, 'pending', now) || changed;
      if (scan.gone?.length) changed = this.markGone(repoId, scan.gone, now) || changed;
      if (scan.returned?.length) changed = this.markReturned(repoId, scan.returned, now) || changed;

      this.clones.recordPosition(cloneId, scan.position, scan.reflog);
      if (changed) this.db.markLogChanged();
      const repo = this.clones.repository(repoId)!;
      return { repo, commits: [...claimedCommits.values()].filter((commit) => commit.status === 'pending'), branches };
    });
  }

  /**
   * Inserts a closed branch once and decides what it is: abandoned when it closed without its
   * changes landing; history when none of its commits were recorded work; covered when every
   * recorded commit already has an answer, or was asked about by an earlier look where a copy of
   * it landed; otherwise it waits for a name, with its commits (those `askedNow` included).
   */
  private recordClosedBranch(repoId: string, closed: ClosedBranch, now: number, askedNow: ReadonlyMap<string, CommitRecord>): BranchRecord | undefined {
    const ids = [...new Set(closed.shas.map((sha) => this.idOf(repoId, sha)).filter((id): id is string => id !== undefined))];
    const landing = [...new Set((closed.landedBy ?? []).map((sha) => this.idOf(repoId, sha)).filter((id): id is string => id !== undefined))];
    const commits = ids.map((id) => this.commit(id)!).filter((commit) => !commit.isMerge);
    let status: BranchStatus;
    if (closed.closedAs === 'deleted') status = 'abandoned';
    else if (commits.length === 0) status = 'history';
    // Answered, or asked about already (by an earlier look) where a copy of it landed (cherry-picked onto main): nothing new to ask.
    else if (commits.every((commit) => SETTLED.has(commit.status) || (closed.coveredByAsked && commit.status === 'pending' && commit.branch !== closed.name && !askedNow.has(commit.id)))) status = 'covered';
    else status = 'pending';
    const branchId = newId(now);
    const inserted = this.db
      .statement(
        `INSERT INTO branches (id, repo_id, name, tip, closed_as, into_branch, status, closed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (repo_id, name, tip) DO NOTHING`,
      )
      .run(branchId, repoId, closed.name, closed.tip, closed.closedAs, closed.into, status, now, now);
    if (inserted.changes === 0) return undefined; // another window recorded it first
    const link = this.db.statement('INSERT OR IGNORE INTO branch_commits (branch_id, commit_id) VALUES (?, ?)');
    for (const id of [...ids, ...landing]) link.run(branchId, id);
    if (status === 'pending') {
      // Its open commits are asked about with the branch now.
      for (const id of ids) this.db.statement("UPDATE commits SET status = 'pending', ask_group = NULL, updated_at = ? WHERE id = ? AND status = 'open'").run(now, id);
    } else if (status === 'abandoned') {
      for (const id of ids) this.db.statement("UPDATE commits SET status = 'skipped', updated_at = ? WHERE id = ? AND status = 'open'").run(now, id);
    }
    return this.branch(branchId);
  }

  private markGone(repoId: string, shas: readonly string[], now: number): boolean {
    let changed = false;
    // History among them leaves `history` for `commits`, where gone work is kept (and can come back).
    // Only here is history read by sha: one pass over the repository's rows, when work is gone.
    const historyRows = this.db
      .statement<[string, string], { author_time: number; sha: string }>('SELECT author_time, sha FROM history WHERE repo_id = ? AND sha IN (SELECT value FROM json_each(?))')
      .all(repoId, JSON.stringify(shas));
    for (const row of historyRows) recordHistoryRow(this.db, repoId, row.author_time, row.sha);
    const update = this.db.statement('UPDATE commits SET gone_at = ?, updated_at = ? WHERE repo_id = ? AND sha = ? AND gone_at IS NULL');
    for (const sha of shas) changed = update.run(now, now, repoId, sha).changes > 0 || changed;
    return changed;
  }

  private markReturned(repoId: string, shas: readonly string[], now: number): boolean {
    let changed = false;
    const update = this.db.statement('UPDATE commits SET gone_at = NULL, updated_at = ? WHERE repo_id = ? AND sha = ? AND gone_at IS NOT NULL');
    const abandonedOf = this.db.statement<[string, string], { branch_id: string }>(
      "SELECT bc.branch_id FROM commits c JOIN branch_commits bc ON bc.commit_id = c.id JOIN branches b ON b.id = bc.branch_id WHERE c.repo_id = ? AND c.sha = ? AND b.status = 'abandoned'",
    );
    const abandoned = new Set<string>();
    for (const sha of shas) {
      if (update.run(now, repoId, sha).changes > 0) {
        changed = true;
        for (const row of abandonedOf.all(repoId, sha)) abandoned.add(row.branch_id);
      }
    }
    // A branch deleted by mistake and restored was not abandoned after all: its work is open again.
    for (const branchId of abandoned) changed = this.withdraw(branchId, 'abandoned', now) || changed;
    return changed;
  }

  /**
   * Takes back a branch record that no longer holds (a merge undone, a deletion undone): the row
   * goes, with a tombstone, and its commits that were waiting with it, or skipped with it, are open
   * again, to be asked about when the branch lands.
   */
  private withdraw(branchId: string, status: 'pending' | 'abandoned', now: number): boolean {
    const branch = this.branch(branchId);
    if (!branch || branch.status !== status) return false;
    const reopen = this.db.statement("UPDATE commits SET status = 'open', ask_group = NULL, updated_at = ? WHERE id = ? AND status = ?");
    for (const commitId of branch.commitIds) reopen.run(now, commitId, status === 'pending' ? 'pending' : 'skipped');
    this.db.statement('DELETE FROM branches WHERE id = ?').run(branchId);
    this.db.statement('INSERT OR REPLACE INTO tombstones (id, kind, deleted_at) VALUES (?, ?, ?)').run(branchId, 'branch', now);
    this.db.statement('DELETE FROM drafts WHERE target = ?').run(`branch:${branchId}`);
    return true;
  }

  /** Another name for a record: a sha it had before, or a copy of it. Its current sha is its row's own. */
  private alias(repoId: string, sha: string, commitId: string): void {
    this.db.statement('INSERT INTO commit_aliases (repo_id, sha, commit_id) VALUES (?, ?, ?) ON CONFLICT (repo_id, sha) DO UPDATE SET commit_id = excluded.commit_id').run(repoId, sha, commitId);
  }

  private idOf(repoId: string, sha: string): string | undefined {
    return this.db.statement<[{ repoId: string; sha: string }], { id: string | null }>(`SELECT ${RECORD_OF_SHA} AS id`).get({ repoId, sha })?.id ?? undefined;
  }

  /** The records that commits (by any sha they have had) belong to. */
  recordsBySha(repoId: string, shas: readonly string[]): Map<string, CommitRecord> {
    return this.db.read(() => {
      const found = new Map<string, CommitRecord>();
      for (const sha of shas) {
        const id = this.idOf(repoId, sha);
        const record = id === undefined ? undefined : this.commit(id);
        if (record) found.set(sha, record);
      }
      return found;
    });
  }

  /** Recorded commits (not merges) with a patch id, by patch id. */
  recordsByPatchId(repoId: string, patchIds: readonly string[]): Map<string, CommitRecord[]> {
    return this.db.read(() => {
      const found = new Map<string, CommitRecord[]>();
      const select = this.db.statement<[string, string], CommitRow>('SELECT * FROM commits WHERE repo_id = ? AND patch_id = ? AND is_merge = 0 ORDER BY recorded_at, id');
      for (const patchId of new Set(patchIds)) {
        const rows = select.all(repoId, patchId);
        if (rows.length) found.set(patchId, rows.map(toCommit));
      }
      return found;
    });
  }

  /** Recorded commits of one author at one author time: the candidates a rewritten commit came from. */
  commitsByAuthorTime(repoId: string, authorEmail: string, authorTime: number): CommitRecord[] {
    return this.db.read(() =>
      [
        ...this.db
          .statement<[string, number, string], CommitRow>('SELECT * FROM commits WHERE repo_id = ? AND author_time = ? AND lower(author_email) = lower(?) ORDER BY recorded_at, id')
          .all(repoId, authorTime, authorEmail)
          .map(toCommit),
        ...this.db
          .statement<[string, number, string], HistoryRow>('SELECT * FROM history WHERE repo_id = ? AND author_time = ? AND lower(author_email) = lower(?) ORDER BY sha')
          .all(repoId, authorTime, authorEmail)
          .map(toHistoryCommit),
      ],
    );
  }

  /**
   * Recorded commits that exist and have no patch id yet (recorded before patch ids were kept).
   * History is left out: no scan spends its time on years of it.
   */
  withoutPatchId(repoId: string, limit: number): CommitRecord[] {
    return this.db.read(() =>
      this.db
        .statement<[string, number], CommitRow>(WITHOUT_PATCH_ID)
        .all(repoId, limit)
        .map(toCommit),
    );
  }

  /** Stores patch ids found later; '' marks a commit whose patch id cannot be known (empty, or its objects gone). */
  setPatchIds(patchIds: ReadonlyMap<string, string>): void {
    this.db.write(() => {
      const update = this.db.statement('UPDATE commits SET patch_id = ? WHERE id = ? AND patch_id IS NULL');
      for (const [commitId, patchId] of patchIds) update.run(patchId, commitId);
    });
  }

  /**
   * Branches (newest work first) holding recorded commits of the user's that still exist and are
   * not settled as ignored: the branches a squash made here could land.
   */
  branchesWithWork(repoId: string, limit = 20): string[] {
    return this.db.read(() =>
      this.db
        .statement<[string, number], { branch: string }>(BRANCHES_WITH_WORK)
        .all(repoId, limit)
        .map((row) => row.branch),
    );
  }

  /** The commits recorded on a branch whose work waits for the branch to land. */
  openShasOnBranch(repoId: string, branch: string): string[] {
    return this.db.read(() =>
      this.db
        .statement<[string, string], { sha: string }>("SELECT sha FROM commits WHERE repo_id = ? AND branch = ? AND status = 'open' AND gone_at IS NULL ORDER BY author_time DESC")
        .all(repoId, branch)
        .map((row) => row.sha),
    );
  }

  /** Closed branches of a repository waiting for a name, with their tips: a merge undone takes them back. */
  pendingBranchTips(repoId: string): { id: string; name: string; tip: string }[] {
    return this.db.read(() => this.db.statement<[string], { id: string; name: string; tip: string }>("SELECT id, name, tip FROM branches WHERE repo_id = ? AND status = 'pending'").all(repoId));
  }

  /** Whether a closed branch at this tip is recorded already. */
  isBranchRecorded(repoId: string, name: string, tip: string): boolean {
    return this.db.read(() => this.db.statement('SELECT 1 FROM branches WHERE repo_id = ? AND name = ? AND tip = ?').get(repoId, name, tip) !== undefined);
  }

  commit(id: string): CommitRecord | undefined {
    const row = this.db.read(() => this.db.statement<[string], CommitRow>('SELECT * FROM commits WHERE id = ?').get(id));
    return row ? toCommit(row) : undefined;
  }

  branch(id: string): BranchRecord | undefined {
    const row = this.db.read(() => this.db.statement<[string], BranchRow>(`SELECT ${BRANCH_COLUMNS} FROM branches b WHERE b.id = ?`).get(id));
    return row ? toBranch(row) : undefined;
  }
}
