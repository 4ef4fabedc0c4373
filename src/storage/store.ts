/**
 * The only place that owns SQLite: one database for every window, in WAL mode with a busy timeout,
 * every write in an immediate transaction, prepared statements only. Nothing here knows VS Code.
 */
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  BranchClosure,
  BranchRecord,
  BranchStatus,
  CommitRecord,
  CommitStatus,
  DeletedOutcome,
  LogContents,
  Outcome,
  OutcomeView,
  OutcomeKind,
  OutcomeSource,
  PendingBatch,
  RepositoryRecord,
  RoutineGroup,
} from '../core/domain';
import { InvalidInputError, InvalidOutcomeError, ProgressLogError, StoreBusyError, StoreCorruptError, StoreTooNewError } from '../core/errors';
import type { Logger } from '../core/logger';
import { normalizeOutcomeText, outcomeTextProblem } from '../core/rules';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

/** The database file's name inside the extension's global storage folder. */
export const DATABASE_FILE_NAME = 'progress-log.sqlite';

export interface StoreOptions {
  logger: Logger;
  /** How long a write waits for another window's write to finish. */
  busyTimeoutMs?: number;
  now?: () => number;
}

/** A commit seen for the first time by a scan. */
export interface NewCommit {
  sha: string;
  subject: string;
  authorEmail: string;
  authorTime: number;
  branch: string | null;
  isMerge: boolean;
}

/** A recorded commit that git rewrote (amend, rebase): the record follows the new commit. */
export interface Rewrite {
  commitId: number;
  fromSha: string;
  sha: string;
  subject: string;
  authorTime: number;
}

/** A local branch a scan found closed. */
export interface ClosedBranch {
  name: string;
  tip: string;
  closedAs: BranchClosure;
  into: string | null;
  /** Its commits (ids as the branch had them, even if since rewritten), newest first. */
  shas: readonly string[];
}

/** What one scan learned about one repository. */
export interface ScanWrite {
  position: ReadonlyMap<string, string>;
  commits: readonly NewCommit[];
  rewrites: readonly Rewrite[];
  closedBranches?: readonly ClosedBranch[];
}

/** What a scan claimed for this window to ask about. */
export interface Claimed {
  repo: RepositoryRecord;
  commits: CommitRecord[];
  branches: BranchRecord[];
}

/** A repository with where Progress Log last saw it. */
export interface RepositoryState {
  repo: RepositoryRecord;
  firstSeenAt: number;
  /** Undefined until the first scan recorded a position. */
  position: Map<string, string> | undefined;
}

export interface NewOutcome {
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  commitIds?: readonly number[];
  /** The closed branch this outcome names; its commits are linked and their outcomes appear under it. */
  branchId?: number;
  repoId?: number | null;
  branch?: string | null;
  happenedAt?: number;
}

interface CommitRow {
  id: number;
  repo_id: number;
  sha: string;
  subject: string;
  author_email: string;
  author_time: number;
  branch: string | null;
  is_merge: number;
  status: CommitStatus;
  draft: string | null;
  seen_at: number;
}

interface RepositoryRow {
  id: number;
  root: string;
  remote_url: string | null;
  default_branch: string | null;
  first_seen_at: number;
  scanned_at: number | null;
}

interface OutcomeRow {
  id: number;
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  happened_at: number;
  repo_id: number | null;
  branch: string | null;
  parent_id: number | null;
  commit_ids: string | null;
}

interface BranchRow {
  id: number;
  repo_id: number;
  name: string;
  tip: string;
  closed_as: BranchClosure;
  into_branch: string | null;
  status: BranchStatus;
  draft: string | null;
  closed_at: number;
  commit_ids: string | null;
}

function toCommit(row: CommitRow): CommitRecord {
  return {
    id: row.id,
    repoId: row.repo_id,
    sha: row.sha,
    subject: row.subject,
    authorEmail: row.author_email,
    authorTime: row.author_time,
    branch: row.branch,
    isMerge: row.is_merge === 1,
    status: row.status,
    draft: row.draft,
  };
}

function toRepository(row: RepositoryRow): RepositoryRecord {
  return { id: row.id, root: row.root, remoteUrl: row.remote_url, defaultBranch: row.default_branch };
}

function toOutcome(row: OutcomeRow): Outcome {
  return {
    id: row.id,
    text: row.text,
    kind: row.kind,
    source: row.source,
    happenedAt: row.happened_at,
    repoId: row.repo_id,
    branch: row.branch,
    commitIds: idList(row.commit_ids),
    parentId: row.parent_id,
  };
}

function toBranch(row: BranchRow): BranchRecord {
  return {
    id: row.id,
    repoId: row.repo_id,
    name: row.name,
    tip: row.tip,
    closedAs: row.closed_as,
    into: row.into_branch,
    status: row.status,
    closedAt: row.closed_at,
    draft: row.draft,
    commitIds: idList(row.commit_ids),
  };
}

function idList(text: string | null): number[] {
  return text ? text.split(',').map(Number).sort((a, b) => a - b) : [];
}

/** Turns SQLite's errors into the core's typed errors. */
function translate(error: unknown, file: string): unknown {
  if (error instanceof ProgressLogError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_CORRUPT_VTAB') {
    return new StoreCorruptError(file, { cause: error });
  }
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    return new StoreBusyError({ cause: error });
  }
  return error;
}

/** Progress Log's database. */
export class Store {
  private readonly now: () => number;
  private readonly statements;

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly logger: Logger,
    now: () => number,
  ) {
    this.now = now;
    this.statements = {
      repositoryByRoot: db.prepare<[string], RepositoryRow>('SELECT * FROM repositories WHERE root = ?'),
      repositoryById: db.prepare<[number], RepositoryRow>('SELECT * FROM repositories WHERE id = ?'),
      insertRepository: db.prepare<[string, number]>('INSERT INTO repositories (root, first_seen_at) VALUES (?, ?) ON CONFLICT (root) DO NOTHING'),
      updateRepositoryInfo: db.prepare<[string | null, string | null, number]>('UPDATE repositories SET remote_url = ?, default_branch = ? WHERE id = ?'),
      markScanned: db.prepare<[number, number]>('UPDATE repositories SET scanned_at = ? WHERE id = ?'),
      position: db.prepare<[number], { ref: string; sha: string }>('SELECT ref, sha FROM ref_positions WHERE repo_id = ?'),
      clearPosition: db.prepare<[number]>('DELETE FROM ref_positions WHERE repo_id = ?'),
      insertPosition: db.prepare<[number, string, string]>('INSERT INTO ref_positions (repo_id, ref, sha) VALUES (?, ?, ?)'),
      insertCommit: db.prepare<[number, string, string, string, number, string | null, number, CommitStatus, number], CommitRow>(
        `INSERT INTO commits (repo_id, sha, subject, author_email, author_time, branch, is_merge, status, seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repo_id, sha) DO NOTHING RETURNING *`,
      ),
      rewriteCommit: db.prepare<[string, string, number, number, string]>(
        `UPDATE commits SET sha = ?, subject = ?, author_time = ? WHERE id = ?
           AND NOT EXISTS (SELECT 1 FROM commits AS other WHERE other.repo_id = commits.repo_id AND other.sha = ?)`,
      ),
      commitsByAuthorTime: db.prepare<[number, number, string], CommitRow>(
        'SELECT * FROM commits WHERE repo_id = ? AND author_time = ? AND lower(author_email) = lower(?) ORDER BY id',
      ),
      commitById: db.prepare<[number], CommitRow>('SELECT * FROM commits WHERE id = ?'),
      pendingCommitsOf: db.prepare<[number], CommitRow>("SELECT * FROM commits WHERE repo_id = ? AND status = 'pending'"),
      branchByTip: db.prepare<[number, string, string], { id: number }>('SELECT id FROM branches WHERE repo_id = ? AND name = ? AND tip = ?'),
      commitBySha: db.prepare<[number, string], { id: number }>('SELECT id FROM commits WHERE repo_id = ? AND sha = ?'),
      // Commits of a closed branch that waits for a name are asked about with the branch, not alone.
      pendingCommits: db.prepare<[], CommitRow>(
        `SELECT * FROM commits WHERE status = 'pending' AND NOT EXISTS (
           SELECT 1 FROM branch_commits bc JOIN branches b ON b.id = bc.branch_id WHERE bc.commit_id = commits.id AND b.status = 'pending')
         ORDER BY repo_id, author_time, id`,
      ),
      abandonedBranches: db.prepare<[], BranchRow>(
        `SELECT b.*, (SELECT group_concat(commit_id) FROM branch_commits WHERE branch_id = b.id) AS commit_ids
           FROM branches AS b WHERE b.status = 'abandoned' ORDER BY b.closed_at DESC, b.id DESC`,
      ),
      pendingBranches: db.prepare<[], BranchRow>(
        `SELECT b.*, (SELECT group_concat(commit_id) FROM branch_commits WHERE branch_id = b.id) AS commit_ids
           FROM branches AS b WHERE b.status = 'pending' ORDER BY b.closed_at, b.id`,
      ),
      branchById: db.prepare<[number], BranchRow>(
        `SELECT b.*, (SELECT group_concat(commit_id) FROM branch_commits WHERE branch_id = b.id) AS commit_ids FROM branches AS b WHERE b.id = ?`,
      ),
      insertBranch: db.prepare<[number, string, string, BranchClosure, string | null, BranchStatus, number], BranchRow>(
        `INSERT INTO branches (repo_id, name, tip, closed_as, into_branch, status, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (repo_id, name, tip) DO NOTHING RETURNING *, NULL AS commit_ids`,
      ),
      linkBranchCommit: db.prepare<[number, number]>('INSERT OR IGNORE INTO branch_commits (branch_id, commit_id) VALUES (?, ?)'),
      settleBranch: db.prepare<[BranchStatus, number | null, number]>("UPDATE branches SET status = ?, outcome_id = ?, draft = NULL WHERE id = ? AND status = 'pending'"),
      setBranchDraft: db.prepare<[string | null, number]>("UPDATE branches SET draft = ? WHERE id = ? AND status = 'pending'"),
      outcomeOfCommit: db.prepare<[number], { outcome_id: number }>('SELECT outcome_id FROM outcome_commits WHERE commit_id = ?'),
      setParent: db.prepare<[number, number]>('UPDATE outcomes SET parent_id = ? WHERE id = ? AND parent_id IS NULL'),
      countPending: db.prepare<[], { n: number }>(
        `SELECT (SELECT count(*) FROM commits c WHERE c.status = 'pending' AND NOT EXISTS (
                   SELECT 1 FROM branch_commits bc JOIN branches b ON b.id = bc.branch_id WHERE bc.commit_id = c.id AND b.status = 'pending'))
              + (SELECT count(*) FROM branches WHERE status = 'pending') AS n`,
      ),
      setStatus: db.prepare<[CommitStatus, number]>('UPDATE commits SET status = ?, draft = NULL WHERE id = ?'),
      setDraft: db.prepare<[string | null, number]>("UPDATE commits SET draft = ? WHERE id = ? AND status = 'pending'"),
      insertOutcome: db.prepare<[string, OutcomeKind, OutcomeSource, number, number, number | null, string | null]>(
        'INSERT INTO outcomes (text, kind, source, happened_at, created_at, repo_id, branch) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      linkCommit: db.prepare<[number, number]>('INSERT OR IGNORE INTO outcome_commits (outcome_id, commit_id) VALUES (?, ?)'),
      outcomeById: db.prepare<[number], OutcomeRow>(
        `SELECT o.*, (SELECT group_concat(commit_id) FROM outcome_commits WHERE outcome_id = o.id) AS commit_ids
           FROM outcomes AS o WHERE o.id = ?`,
      ),
      topLevelOutcomesBetween: db.prepare<[number, number], OutcomeRow>(
        `SELECT o.*, (SELECT group_concat(commit_id) FROM outcome_commits WHERE outcome_id = o.id) AS commit_ids
           FROM outcomes AS o WHERE o.parent_id IS NULL AND o.happened_at >= ? AND o.happened_at < ? ORDER BY o.happened_at DESC, o.id DESC`,
      ),
      childOutcomes: db.prepare<[number], OutcomeRow>(
        `SELECT o.*, (SELECT group_concat(commit_id) FROM outcome_commits WHERE outcome_id = o.id) AS commit_ids
           FROM outcomes AS o WHERE o.parent_id = ? ORDER BY o.happened_at, o.id`,
      ),
      routineCommitsBetween: db.prepare<[number, number], CommitRow>(
        "SELECT * FROM commits WHERE status = 'routine' AND author_time >= ? AND author_time < ? ORDER BY repo_id, author_time DESC, id DESC",
      ),
      abandonedBetween: db.prepare<[number, number], BranchRow>(
        `SELECT b.*, (SELECT group_concat(commit_id) FROM branch_commits WHERE branch_id = b.id) AS commit_ids
           FROM branches AS b WHERE b.status = 'abandoned' AND b.closed_at >= ? AND b.closed_at < ? ORDER BY b.closed_at DESC`,
      ),
      latestActivityBefore: db.prepare<[number, number, number], { t: number | null }>(
        `SELECT max(t) AS t FROM (
           SELECT max(happened_at) AS t FROM outcomes WHERE happened_at < ?
           UNION ALL SELECT max(author_time) FROM commits WHERE status IN ('pending', 'routine') AND author_time < ?
           UNION ALL SELECT max(closed_at) FROM branches WHERE status = 'pending' AND closed_at < ?)`,
      ),
      outcomeCreatedAt: db.prepare<[number], { created_at: number }>('SELECT created_at FROM outcomes WHERE id = ?'),
      renameOutcome: db.prepare<[string, number]>('UPDATE outcomes SET text = ? WHERE id = ?'),
      setOutcomeKind: db.prepare<[OutcomeKind, number]>('UPDATE outcomes SET kind = ? WHERE id = ?'),
      deleteOutcome: db.prepare<[number]>('DELETE FROM outcomes WHERE id = ?'),
      branchOfOutcome: db.prepare<[number], { id: number; status: BranchStatus }>('SELECT id, status FROM branches WHERE outcome_id = ?'),
      reopenBranch: db.prepare<[number]>("UPDATE branches SET status = 'pending', outcome_id = NULL WHERE id = ?"),
      restoreBranch: db.prepare<[BranchStatus, number, number]>('UPDATE branches SET status = ?, outcome_id = ? WHERE id = ?'),
      restoreOutcome: db.prepare<[number | null, string, OutcomeKind, OutcomeSource, number, number, number | null, string | null, number | null]>(
        'INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, repo_id, branch, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      setParentOf: db.prepare<[number | null, number]>('UPDATE outcomes SET parent_id = ? WHERE id = ?'),
      setStatusKeepDraft: db.prepare<[CommitStatus, number]>('UPDATE commits SET status = ? WHERE id = ?'),
      impactCountBetween: db.prepare<[number, number], { n: number }>(
        "SELECT count(*) AS n FROM outcomes WHERE kind = 'impact' AND parent_id IS NULL AND happened_at >= ? AND happened_at < ?",
      ),
      outcomesBetween: db.prepare<[number, number], OutcomeRow>(
        `SELECT o.*, (SELECT group_concat(commit_id) FROM outcome_commits WHERE outcome_id = o.id) AS commit_ids
           FROM outcomes AS o WHERE o.happened_at >= ? AND o.happened_at < ? ORDER BY o.happened_at DESC, o.id DESC`,
      ),
    };
  }

  /**
   * Opens (or creates) the database and brings its schema up to date.
   * @throws StoreCorruptError when the file is not a healthy SQLite database.
   * @throws StoreTooNewError when a newer Progress Log wrote it.
   */
  static open(file: string, options: StoreOptions): Store {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new StoreTooNewError(file, version); // before any write
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db, file, options.logger);
      return new Store(db, file, options.logger, options.now ?? Date.now);
    } catch (error) {
      db?.close();
      throw translate(error, file);
    }
  }

  /**
   * Opens the database; a damaged file is moved aside (never deleted) and a new one started.
   * Returns where the damaged file went, so the user can be told.
   */
  static openOrRecover(file: string, options: StoreOptions): { store: Store; movedAside?: string } {
    try {
      return { store: Store.open(file, options) };
    } catch (error) {
      if (!(error instanceof StoreCorruptError)) throw error;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const movedAside = `${file}.damaged-${stamp}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedAside + suffix);
      }
      options.logger.error(`The database ${file} was damaged; moved it to ${movedAside} and started a new one`);
      return { store: Store.open(file, options), movedAside };
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `work` in an immediate transaction, translating SQLite's errors. */
  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      throw translate(error, this.file);
    }
  }

  private read<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw translate(error, this.file);
    }
  }

  /** The repository at `root`, created on first sight, with its last recorded position. */
  ensureRepository(root: string): RepositoryState {
    // Scans run on every repository change: only the first sight needs a write.
    const row =
      this.read(() => this.statements.repositoryByRoot.get(root)) ??
      this.write(() => {
        this.statements.insertRepository.run(root, this.now());
        return this.statements.repositoryByRoot.get(root)!;
      });
    const positions = this.read(() => this.statements.position.all(row.id));
    return {
      repo: toRepository(row),
      firstSeenAt: row.first_seen_at,
      position: row.scanned_at === null ? undefined : new Map(positions.map((p) => [p.ref, p.sha])),
    };
  }

  updateRepositoryInfo(id: number, info: { remoteUrl: string | null; defaultBranch: string | null }): void {
    this.write(() => this.statements.updateRepositoryInfo.run(info.remoteUrl, info.defaultBranch, id));
  }

  /**
   * Records one scan atomically: rewrites follow their new commits, new commits and closed
   * branches are inserted, and the position moves. Returns what this call inserted and waits for
   * a name: what this window claimed. Another window that records the same scan claims nothing,
   * so only one window asks. Commits of a branch claimed in the same scan are asked about with
   * the branch, not alone.
   */
  recordScan(repoId: number, scan: ScanWrite): Claimed {
    return this.write(() => {
      const rewrittenIds = new Map<string, number>();
      for (const rewrite of scan.rewrites) {
        this.statements.rewriteCommit.run(rewrite.sha, rewrite.subject, rewrite.authorTime, rewrite.commitId, rewrite.sha);
        rewrittenIds.set(rewrite.fromSha, rewrite.commitId);
      }
      const commits: CommitRecord[] = [];
      const seenAt = this.now();
      for (const commit of scan.commits) {
        const status: CommitStatus = commit.isMerge ? 'ignored' : 'pending';
        const row = this.statements.insertCommit.get(
          repoId,
          commit.sha,
          commit.subject,
          commit.authorEmail,
          commit.authorTime,
          commit.branch,
          commit.isMerge ? 1 : 0,
          status,
          seenAt,
        );
        if (row && row.status === 'pending') commits.push(toCommit(row));
      }
      const branches: BranchRecord[] = [];
      const askedWithBranch = new Set<number>();
      for (const closed of scan.closedBranches ?? []) {
        const status: BranchStatus = closed.closedAs === 'deleted' ? 'abandoned' : 'pending';
        const row = this.statements.insertBranch.get(repoId, closed.name, closed.tip, closed.closedAs, closed.into, status, seenAt);
        if (!row) continue; // another window recorded it first
        for (const sha of closed.shas) {
          const commitId = rewrittenIds.get(sha) ?? this.statements.commitBySha.get(repoId, sha)?.id;
          if (commitId === undefined) continue; // not the user's, or from before Progress Log
          this.statements.linkBranchCommit.run(row.id, commitId);
          if (status === 'pending') askedWithBranch.add(commitId);
        }
        if (status === 'pending') branches.push(toBranch(this.statements.branchById.get(row.id)!));
      }
      this.statements.clearPosition.run(repoId);
      for (const [ref, sha] of scan.position) this.statements.insertPosition.run(repoId, ref, sha);
      this.statements.markScanned.run(seenAt, repoId);
      const repo = toRepository(this.statements.repositoryById.get(repoId)!);
      return { repo, commits: commits.filter((commit) => !askedWithBranch.has(commit.id)), branches };
    });
  }

  /** Commits of one repository waiting for a name. */
  pendingCommitsOf(repoId: number): CommitRecord[] {
    return this.read(() => this.statements.pendingCommitsOf.all(repoId).map(toCommit));
  }

  /** Whether a closed branch at this tip is recorded already (asked about, or abandoned). */
  isBranchRecorded(repoId: number, name: string, tip: string): boolean {
    return this.read(() => this.statements.branchByTip.get(repoId, name, tip) !== undefined);
  }

  /** Recorded commits of one author at one author time: the candidates a rewritten commit came from. */
  commitsByAuthorTime(repoId: number, authorEmail: string, authorTime: number): CommitRecord[] {
    return this.read(() => this.statements.commitsByAuthorTime.all(repoId, authorTime, authorEmail).map(toCommit));
  }

  commit(id: number): CommitRecord | undefined {
    const row = this.read(() => this.statements.commitById.get(id));
    return row ? toCommit(row) : undefined;
  }

  /** How many commits wait for a name, in every repository. */
  countPending(): number {
    return this.read(() => this.statements.countPending.get()!.n);
  }

  /** Closed branches, then commits, waiting for a name; commits in the batches they arrived in, oldest first. */
  pendingBatches(): PendingBatch[] {
    return this.read(() => {
      const repositories = new Map<number, RepositoryRecord>();
      const repository = (id: number) => {
        if (!repositories.has(id)) repositories.set(id, toRepository(this.statements.repositoryById.get(id)!));
        return repositories.get(id)!;
      };
      const batches: PendingBatch[] = this.statements.pendingBranches.all().map((row) => {
        const branch = toBranch(row);
        const commits = branch.commitIds.map((id) => toCommit(this.statements.commitById.get(id)!));
        return { type: 'branch', repo: repository(row.repo_id), branch, commits };
      });
      // Commits recorded by the same scan arrived together (a cherry-pick, a rebase): one batch.
      const arrivals = new Map<string, { repoId: number; commits: CommitRecord[] }>();
      for (const row of this.statements.pendingCommits.all()) {
        const key = `${row.repo_id}:${row.seen_at}`;
        const arrival = arrivals.get(key) ?? { repoId: row.repo_id, commits: [] };
        arrival.commits.push(toCommit(row));
        arrivals.set(key, arrival);
      }
      for (const { repoId, commits } of arrivals.values()) batches.push({ type: 'commits', repo: repository(repoId), commits });
      return batches;
    });
  }

  /** Branches deleted without being merged, newest first: recorded, never asked about. */
  abandonedBranches(): BranchRecord[] {
    return this.read(() => this.statements.abandonedBranches.all().map(toBranch));
  }

  branch(id: number): BranchRecord | undefined {
    const row = this.read(() => this.statements.branchById.get(id));
    return row ? toBranch(row) : undefined;
  }

  /** Marks commits that still wait for a name as routine or skipped. Returns how many changed. */
  settleCommits(commitIds: readonly number[], status: 'routine' | 'skipped'): number {
    return this.write(() => this.settlePendingCommits(commitIds, status));
  }

  /** Marks a closed branch that still waits, and its waiting commits, as routine or skipped. */
  settleBranch(branchId: number, status: 'routine' | 'skipped'): void {
    this.write(() => {
      const branch = this.statements.branchById.get(branchId);
      if (!branch || branch.status !== 'pending') return;
      this.statements.settleBranch.run(status, null, branchId);
      this.settlePendingCommits(idList(branch.commit_ids), status);
    });
  }

  private settlePendingCommits(commitIds: readonly number[], status: 'routine' | 'skipped' | 'named'): number {
    let changed = 0;
    for (const id of commitIds) {
      if (this.statements.commitById.get(id)?.status === 'pending') changed += this.statements.setStatus.run(status, id).changes;
    }
    return changed;
  }

  /** Keeps what the user typed for commits (or a branch) that still wait, so nothing typed is lost. */
  saveDraft(target: { commitIds: readonly number[] } | { branchId: number }, draft: string | null): void {
    this.write(() => {
      if ('branchId' in target) this.statements.setBranchDraft.run(draft, target.branchId);
      else for (const id of target.commitIds) this.statements.setDraft.run(draft, id);
    });
  }

  /**
   * Saves an outcome and links its commits (which are then named). For a branch, every commit of
   * the branch is linked, and outcomes its commits already had appear under this one.
   * @throws InvalidOutcomeError when the text is empty, more than one line, or too long.
   */
  saveOutcome(input: NewOutcome): Outcome {
    const problem = outcomeTextProblem(input.text);
    if (problem) throw new InvalidOutcomeError(problem);
    const text = normalizeOutcomeText(input.text);
    return this.write(() => {
      const branch = input.branchId === undefined ? undefined : this.statements.branchById.get(input.branchId);
      // Another window, a stale notification or an old tree row may offer work already named.
      if (input.branchId !== undefined && branch?.status !== 'pending') {
        throw new InvalidInputError('That branch was already named or settled, perhaps in another window; nothing was changed.');
      }
      const stillWaiting = (input.commitIds ?? []).filter((id) => this.statements.commitById.get(id)?.status === 'pending');
      if (input.commitIds?.length && stillWaiting.length === 0 && !branch) {
        throw new InvalidInputError('Those commits were already named or settled, perhaps in another window; nothing was changed.');
      }
      const commitIds = [...new Set([...stillWaiting, ...idList(branch?.commit_ids ?? null)])];
      const commits = commitIds.map((id) => this.statements.commitById.get(id)).filter((row) => row !== undefined);
      const happenedAt = input.happenedAt ?? branch?.closed_at ?? (commits.length ? Math.max(...commits.map((c) => c.author_time)) : this.now());
      const repoId = input.repoId ?? branch?.repo_id ?? commits[0]?.repo_id ?? null;
      const branchName = input.branch ?? branch?.name ?? commits.find((c) => c.branch)?.branch ?? null;
      const outcomeId = Number(
        this.statements.insertOutcome.run(text, input.kind, input.source, happenedAt, this.now(), repoId, branchName).lastInsertRowid,
      );
      for (const commit of commits) {
        for (const own of this.statements.outcomeOfCommit.all(commit.id)) this.statements.setParent.run(outcomeId, own.outcome_id);
        this.statements.linkCommit.run(outcomeId, commit.id);
      }
      this.settlePendingCommits(commitIds, 'named');
      if (branch) this.statements.settleBranch.run('named', outcomeId, branch.id);
      this.logger.info(`Saved ${input.kind} outcome #${outcomeId} (${commits.length} commit(s)${branch ? `, branch ${branch.name}` : ''}): ${text}`);
      return toOutcome(this.statements.outcomeById.get(outcomeId)!);
    });
  }

  outcome(id: number): Outcome | undefined {
    const row = this.read(() => this.statements.outcomeById.get(id));
    return row ? toOutcome(row) : undefined;
  }

  /** Outcomes that happened in [from, to), newest first. */
  outcomesBetween(from: number, to: number): Outcome[] {
    return this.read(() => this.statements.outcomesBetween.all(from, to).map(toOutcome));
  }

  /** Everything the log holds for [from, to): outcomes with their commits, routine, waiting, abandoned. */
  contentsBetween(from: number, to: number): LogContents {
    return this.read(() => {
      const repositories = new Map<number, RepositoryRecord | null>();
      const repository = (id: number | null) => {
        if (id === null) return null;
        if (!repositories.has(id)) {
          const row = this.statements.repositoryById.get(id);
          repositories.set(id, row ? toRepository(row) : null);
        }
        return repositories.get(id)!;
      };
      const view = (row: OutcomeRow): OutcomeView => {
        const outcome = toOutcome(row);
        return {
          ...outcome,
          repo: repository(outcome.repoId),
          commits: outcome.commitIds.map((id) => toCommit(this.statements.commitById.get(id)!)),
          children: this.statements.childOutcomes.all(outcome.id).map(view),
        };
      };
      const outcomes = this.statements.topLevelOutcomesBetween.all(from, to).map(view);
      const unnamedRoutine: RoutineGroup[] = [];
      for (const row of this.statements.routineCommitsBetween.all(from, to)) {
        let group = unnamedRoutine.find((candidate) => candidate.repo.id === row.repo_id);
        if (!group) {
          group = { repo: repository(row.repo_id)!, commits: [] };
          unnamedRoutine.push(group);
        }
        group.commits.push(toCommit(row));
      }
      const inRange = (time: number) => time >= from && time < to;
      const waiting = this.pendingBatches()
        .map((batch): PendingBatch | undefined => {
          if (batch.type === 'branch') return inRange(batch.branch.closedAt) ? batch : undefined;
          const commits = batch.commits.filter((commit) => inRange(commit.authorTime));
          return commits.length ? { ...batch, commits } : undefined;
        })
        .filter((batch): batch is PendingBatch => batch !== undefined);
      return {
        impact: outcomes.filter((outcome) => outcome.kind === 'impact'),
        routine: outcomes.filter((outcome) => outcome.kind === 'routine'),
        unnamedRoutine,
        waiting,
        abandoned: this.statements.abandonedBetween.all(from, to).map(toBranch),
      };
    });
  }

  /** The newest moment before `time` at which anything was logged; for paging back through weeks. */
  latestActivityBefore(time: number): number | undefined {
    return this.read(() => this.statements.latestActivityBefore.get(time, time, time)?.t ?? undefined);
  }

  /** How many top-level impact outcomes happened in [from, to). */
  impactCountBetween(from: number, to: number): number {
    return this.read(() => this.statements.impactCountBetween.get(from, to)!.n);
  }

  /** @throws InvalidOutcomeError when the new text cannot be an outcome. */
  renameOutcome(id: number, text: string): void {
    const problem = outcomeTextProblem(text);
    if (problem) throw new InvalidOutcomeError(problem);
    this.write(() => this.statements.renameOutcome.run(normalizeOutcomeText(text), id));
  }

  setOutcomeKind(id: number, kind: OutcomeKind): void {
    this.write(() => this.statements.setOutcomeKind.run(kind, id));
  }

  /**
   * Deletes an outcome. Its commits (and its branch) wait for a name again and its children stand
   * alone; the returned record lets `restoreOutcome` undo all of it.
   */
  deleteOutcome(id: number): DeletedOutcome | undefined {
    return this.write(() => {
      const row = this.statements.outcomeById.get(id);
      if (!row) return undefined;
      const outcome = toOutcome(row);
      const deleted: DeletedOutcome = {
        outcome,
        createdAt: this.statements.outcomeCreatedAt.get(id)!.created_at,
        commitStatuses: outcome.commitIds.map((commitId) => ({ id: commitId, status: this.statements.commitById.get(commitId)!.status })),
        childIds: this.statements.childOutcomes.all(id).map((child) => child.id),
        branch: this.statements.branchOfOutcome.get(id) ?? null,
      };
      this.statements.deleteOutcome.run(id);
      for (const { id: commitId, status } of deleted.commitStatuses) {
        // A commit still linked to another outcome (its own, under this branch outcome) stays named.
        const stillNamed = this.statements.outcomeOfCommit.all(commitId).length > 0;
        if (status === 'named' && !stillNamed) this.statements.setStatusKeepDraft.run('pending', commitId);
      }
      if (deleted.branch) this.statements.reopenBranch.run(deleted.branch.id);
      return deleted;
    });
  }

  /**
   * Puts a deleted outcome back as it was: links, children, commit and branch states, and its id
   * unless a newer outcome took it meanwhile. Returns the id it has now.
   */
  restoreOutcome(deleted: DeletedOutcome): number {
    return this.write(() => {
      const { outcome } = deleted;
      const idFree = this.statements.outcomeById.get(outcome.id) === undefined;
      const parentId = outcome.parentId !== null && this.statements.outcomeById.get(outcome.parentId) ? outcome.parentId : null;
      const id = Number(
        this.statements.restoreOutcome.run(
          idFree ? outcome.id : null,
          outcome.text,
          outcome.kind,
          outcome.source,
          outcome.happenedAt,
          deleted.createdAt,
          outcome.repoId,
          outcome.branch,
          parentId,
        ).lastInsertRowid,
      );
      for (const { id: commitId, status } of deleted.commitStatuses) {
        if (!this.statements.commitById.get(commitId)) continue;
        this.statements.linkCommit.run(id, commitId);
        this.statements.setStatusKeepDraft.run(status, commitId);
      }
      for (const childId of deleted.childIds) if (this.statements.outcomeById.get(childId)) this.statements.setParentOf.run(id, childId);
      if (deleted.branch && this.statements.branchById.get(deleted.branch.id)?.status === 'pending') {
        this.statements.restoreBranch.run(deleted.branch.status, id, deleted.branch.id);
      }
      return id;
    });
  }

  /** Changes whenever another connection (another window) commits a write; for cheap polling. */
  dataVersion(): number {
    return this.read(() => this.db.pragma('data_version', { simple: true }) as number);
  }
}

/** Brings the schema to SCHEMA_VERSION, once, even when several windows open the file together. */
function migrate(db: Database.Database, file: string, logger: Logger): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() === SCHEMA_VERSION) return;
  db.transaction(() => {
    const from = version(); // read again under the write lock: another window may have migrated
    if (from > SCHEMA_VERSION) throw new StoreTooNewError(file, from);
    for (let step = from; step < SCHEMA_VERSION; step++) {
      db.exec(MIGRATIONS[step]);
      logger.info(`Database schema migrated from version ${step} to ${step + 1}`);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`); // PRAGMA takes no parameters; a constant number
  }).immediate();
}
