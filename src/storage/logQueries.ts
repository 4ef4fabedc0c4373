/**
 * The log as it is read: a span of time with its outcomes (and their commits and children),
 * routine activity, work waiting for a name, work in progress and abandoned branches; counts for
 * the status bar and reports. Every query is bounded by its range and joins what it shows, so a
 * week costs the same after years of use.
 */
import type {
  BranchRecord,
  CommitRecord,
  LogContents,
  OpenBranch,
  Outcome,
  OutcomeKind,
  OutcomeView,
  PendingBatch,
  RepositoryRecord,
  RoutineCommits,
  RoutineGroup,
} from '../core/domain';
import type { Database } from './database';
import {
  BRANCH_COLUMNS,
  DraftTargets,
  historyBetween,
  OUTCOME_COLUMNS,
  REPOSITORY_COLUMNS,
  toBranch,
  toCommit,
  toHistoryCommit,
  toOutcome,
  toRepository,
  type BranchRow,
  type CommitRow,
  type HistoryRow,
  type OutcomeRow,
  type RepositoryRow,
} from './rows';

/** Text in SQLite's BINARY order (ids and shas are ASCII). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Top-level outcomes in [@from, @to) and every outcome under them, at any depth. A span is found
 * by time, never by `parent_id IS NULL` (the `+` keeps SQLite off that index: nearly every outcome
 * is top-level, so it would read them all); queries over it join with CROSS JOIN, which keeps
 * SQLite's join order: from the few outcomes of the span to their rows and commits by key. Left to
 * choose, SQLite scanned every outcome, and every commit in id order (to skip a sort), for each
 * read: seconds a week once a log holds a million commits (bench/README.md).
 */
const OUTCOME_TREE = `WITH RECURSIVE tree(id) AS (
    SELECT id FROM outcomes WHERE +parent_id IS NULL AND happened_at >= @from AND happened_at < @to
    UNION ALL SELECT o.id FROM tree t CROSS JOIN outcomes o ON o.parent_id = t.id
  )`;

/** A pending commit that belongs to a pending branch is asked about with the branch. */
const NOT_IN_PENDING_BRANCH = `NOT EXISTS (
    SELECT 1 FROM branch_commits bc JOIN branches b ON b.id = bc.branch_id WHERE bc.commit_id = c.id AND b.status = 'pending')`;

/** Pending commits that wait on their own (not gone, not part of a waiting branch). */
const WAITING_COMMITS = `c.status = 'pending' AND c.gone_at IS NULL AND ${NOT_IN_PENDING_BRANCH}`;

/**
 * Routine activity nobody named: commits settled as routine, and history an import brought in
 * (shown in its week, counted, never waiting): that in `commits` and the rows of `history`.
 */
const UNNAMED_ROUTINE = "status IN ('routine', 'history')";

/** Statuses of commits that make a week worth listing on their own (named ones list through their outcome). */
const ACTIVE_COMMIT_STATUSES = ['pending', 'routine', 'open', 'history'] as const;

/** The newest moment before @time with anything to show: an outcome, a commit of an active status, a branch waiting. */
const LATEST_ACTIVITY = `SELECT max(t) AS t FROM (
    SELECT max(happened_at) AS t FROM outcomes WHERE happened_at < @time
    ${ACTIVE_COMMIT_STATUSES.map(
      (status) => `UNION ALL SELECT (SELECT author_time FROM commits WHERE status = '${status}' AND author_time < @time AND gone_at IS NULL ORDER BY author_time DESC LIMIT 1)`,
    ).join('\n    ')}
    UNION ALL SELECT max((SELECT h.author_time FROM history h WHERE h.repo_id = r.id AND h.author_time < @time ORDER BY h.author_time DESC LIMIT 1)) FROM repositories r
    UNION ALL SELECT max(closed_at) FROM branches WHERE status = 'pending' AND closed_at < @time)`;

/** Per repository, the number of routine commits nobody named. */
export interface RoutineCount {
  repo: RepositoryRecord;
  commits: number;
}

export class LogQueries {
  constructor(private readonly db: Database) {}

  /** Everything the log holds for [from, to); routine commits nobody named listed, or only counted. */
  contentsBetween(from: number, to: number, routine: RoutineCommits = 'listed'): LogContents {
    return this.db.read(() => {
      const repositories = this.repositories();
      const outcomes = this.outcomeTree(from, to, repositories);
      const unnamedRoutine = routine === 'listed' ? this.routineListed(from, to, repositories) : this.routineCounted(from, to, repositories);
      const open: OpenBranch[] = [];
      for (const row of this.db
        .statement<[number, number], CommitRow>("SELECT * FROM commits WHERE status = 'open' AND gone_at IS NULL AND author_time >= ? AND author_time < ? ORDER BY repo_id, branch, author_time, id")
        .all(from, to)) {
        let group = open.find((candidate) => candidate.repo.id === row.repo_id && candidate.branch === row.branch);
        if (!group) {
          group = { repo: repositories.get(row.repo_id)!, branch: row.branch, commits: [] };
          open.push(group);
        }
        group.commits.push(toCommit(row));
      }
      return {
        impact: outcomes.filter((outcome) => outcome.kind === 'impact'),
        routine: outcomes.filter((outcome) => outcome.kind === 'routine'),
        unnamedRoutine,
        waiting: this.waitingBetween(from, to, repositories),
        open,
        abandoned: this.db
          .statement<[number, number], BranchRow>(`SELECT ${BRANCH_COLUMNS} FROM branches b WHERE b.status = 'abandoned' AND b.closed_at >= ? AND b.closed_at < ? ORDER BY b.closed_at DESC, b.id DESC`)
          .all(from, to)
          .map(toBranch),
      };
    });
  }

  /** Top-level outcomes of [from, to), newest first, with their existing commits and their children. */
  outcomesWithChildren(from: number, to: number): OutcomeView[] {
    return this.db.read(() => this.outcomeTree(from, to, this.repositories()));
  }

  /** Routine commits nobody named in [from, to), counted per repository. */
  routineCountsBetween(from: number, to: number): RoutineCount[] {
    return this.db.read(() =>
      this.routineCounted(from, to, this.repositories())
        .map((group) => ({ repo: group.repo, commits: group.count }))
        .sort((a, b) => a.repo.name.localeCompare(b.repo.name)),
    );
  }

  /** Pieces of work waiting for a name in [from, to): closed branches, and commits asked about together. */
  waitingCountBetween(from: number, to: number): number {
    return this.db.read(
      () =>
        this.db
          .statement<[number, number, number, number], { n: number }>(
            `SELECT (SELECT count(*) FROM branches WHERE status = 'pending' AND closed_at >= ? AND closed_at < ?)
                  + (SELECT count(DISTINCT coalesce(c.ask_group, c.id)) FROM commits c WHERE ${WAITING_COMMITS} AND c.author_time >= ? AND c.author_time < ?) AS n`,
          )
          .get(from, to, from, to)!.n,
    );
  }

  /** Pieces of work waiting for a name, in every repository: what the status bar and the view count. */
  countWaiting(): number {
    return this.waitingCountBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  /** Commits waiting for a name, in every repository: the commits of the pieces of work `pendingBatches` lists. */
  countWaitingCommits(): number {
    return this.db.read(
      () =>
        this.db
          .statement<[], { n: number }>(
            `SELECT (SELECT count(*) FROM branches b JOIN branch_commits bc ON bc.branch_id = b.id JOIN commits c ON c.id = bc.commit_id
                      WHERE b.status = 'pending' AND c.is_merge = 0 AND c.status <> 'ignored')
                  + (SELECT count(*) FROM commits c WHERE ${WAITING_COMMITS}) AS n`,
          )
          .get()!.n,
    );
  }

  /** Closed branches, then commits, waiting for a name; commits in the groups they were asked about in, oldest first. */
  pendingBatches(): PendingBatch[] {
    return this.db.read(() => this.waitingBetween(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, this.repositories()));
  }

  /** Branches closed without their changes landing, newest first: recorded, never asked about. */
  abandonedBranches(): BranchRecord[] {
    return this.db.read(() =>
      this.db.statement<[], BranchRow>(`SELECT ${BRANCH_COLUMNS} FROM branches b WHERE b.status = 'abandoned' ORDER BY b.closed_at DESC, b.id DESC`).all().map(toBranch),
    );
  }

  /**
   * The newest moment before `time` at which anything was logged; for paging back through weeks.
   * Each status is looked up on its own, newest first along (status, author_time), so that the
   * answer costs a few index steps however many commits years of use recorded.
   */
  latestActivityBefore(time: number): number | undefined {
    return this.db.read(() => this.db.statement<[{ time: number }], { t: number | null }>(LATEST_ACTIVITY).get({ time })?.t ?? undefined);
  }

  /** How many top-level impact outcomes happened in [from, to). */
  impactCountBetween(from: number, to: number): number {
    return this.outcomeCountBetween('impact', from, to);
  }

  /** How many top-level outcomes of `kind` happened in [from, to). */
  outcomeCountBetween(kind: OutcomeKind, from: number, to: number): number {
    return this.db.read(
      () =>
        this.db
          .statement<[OutcomeKind, number, number], { n: number }>('SELECT count(*) AS n FROM outcomes WHERE kind = ? AND +parent_id IS NULL AND happened_at >= ? AND happened_at < ?')
          .get(kind, from, to)!.n,
    );
  }

  /** Outcomes that happened in [from, to), newest first. */
  outcomesBetween(from: number, to: number): Outcome[] {
    return this.db.read(() =>
      this.db
        .statement<[number, number], OutcomeRow>(`SELECT ${OUTCOME_COLUMNS} FROM outcomes o WHERE o.happened_at >= ? AND o.happened_at < ? ORDER BY o.happened_at DESC, o.id DESC`)
        .all(from, to)
        .map(toOutcome),
    );
  }

  /** Every repository the log knows, by id. */
  repositories(): Map<string, RepositoryRecord> {
    return this.db.read(() => new Map(this.db.statement<[], RepositoryRow>(`SELECT ${REPOSITORY_COLUMNS} FROM repositories r`).all().map((row) => [row.id, toRepository(row)])));
  }

  private outcomeTree(from: number, to: number, repositories: ReadonlyMap<string, RepositoryRecord>): OutcomeView[] {
    const range = { from, to };
    const rows = this.db.statement<[typeof range], OutcomeRow>(`${OUTCOME_TREE} SELECT ${OUTCOME_COLUMNS} FROM tree t CROSS JOIN outcomes o ON o.id = t.id`).all(range);
    const commitsByOutcome = new Map<string, CommitRecord[]>();
    for (const row of this.db
      .statement<[typeof range], CommitRow & { outcome_id: string }>(
        `${OUTCOME_TREE} SELECT oc.outcome_id, c.* FROM tree t CROSS JOIN outcome_commits oc ON oc.outcome_id = t.id CROSS JOIN commits c ON c.id = oc.commit_id
          WHERE c.gone_at IS NULL ORDER BY c.id`,
      )
      .all(range)) {
      const list = commitsByOutcome.get(row.outcome_id) ?? [];
      list.push(toCommit(row));
      commitsByOutcome.set(row.outcome_id, list);
    }
    const views = new Map<string, OutcomeView>();
    for (const row of rows) {
      const outcome = toOutcome(row);
      views.set(outcome.id, { ...outcome, repo: outcome.repoId ? (repositories.get(outcome.repoId) ?? null) : null, commits: commitsByOutcome.get(outcome.id) ?? [], children: [] });
    }
    const topLevel: OutcomeView[] = [];
    for (const view of views.values()) {
      const parent = view.parentId ? views.get(view.parentId) : undefined;
      if (parent) parent.children.push(view);
      else topLevel.push(view);
    }
    const newestFirst = (a: OutcomeView, b: OutcomeView) => b.happenedAt - a.happenedAt || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);
    const oldestFirst = (a: OutcomeView, b: OutcomeView) => -newestFirst(a, b);
    for (const view of views.values()) view.children.sort(oldestFirst);
    return topLevel.sort(newestFirst);
  }

  /** Routine commits nobody named in [from, to), per repository (in id order), newest first: those in `commits`, then `history`'s. */
  private routineListed(from: number, to: number, repositories: ReadonlyMap<string, RepositoryRecord>): RoutineGroup[] {
    const groups = new Map<string, RoutineGroup>();
    const groupOf = (repoId: string) => {
      let group = groups.get(repoId);
      if (!group) {
        group = { repo: repositories.get(repoId)!, count: 0, commits: [] };
        groups.set(repoId, group);
      }
      return group;
    };
    for (const row of this.db
      .statement<[number, number], CommitRow>(`SELECT * FROM commits WHERE ${UNNAMED_ROUTINE} AND gone_at IS NULL AND author_time >= ? AND author_time < ?`)
      .all(from, to)) {
      groupOf(row.repo_id).commits.push(toCommit(row));
    }
    for (const row of this.db.statement<[number, number], HistoryRow>(`SELECT h.* FROM ${historyBetween('?', '?')}`).all(from, to)) {
      groupOf(row.repo_id).commits.push(toHistoryCommit(row));
    }
    const listed = [...groups.values()].sort((a, b) => compareText(a.repo.id, b.repo.id));
    for (const group of listed) {
      group.commits.sort((a, b) => b.authorTime - a.authorTime || compareText(b.id, a.id));
      group.count = group.commits.length;
    }
    return listed;
  }

  /** The same groups, counted by SQL, without their commits. */
  private routineCounted(from: number, to: number, repositories: ReadonlyMap<string, RepositoryRecord>): RoutineGroup[] {
    const counts = new Map<string, number>();
    for (const sql of [
      `SELECT repo_id, count(*) AS n FROM commits WHERE ${UNNAMED_ROUTINE} AND gone_at IS NULL AND author_time >= ? AND author_time < ? GROUP BY repo_id`,
      `SELECT h.repo_id, count(*) AS n FROM ${historyBetween('?', '?')} GROUP BY h.repo_id`,
    ]) {
      for (const row of this.db.statement<[number, number], { repo_id: string; n: number }>(sql).all(from, to)) counts.set(row.repo_id, (counts.get(row.repo_id) ?? 0) + row.n);
    }
    return [...counts]
      .map(([repoId, count]) => ({ repo: repositories.get(repoId)!, count, commits: [] }))
      .sort((a, b) => compareText(a.repo.id, b.repo.id));
  }

  private waitingBetween(from: number, to: number, repositories: ReadonlyMap<string, RepositoryRecord>): PendingBatch[] {
    const batches: PendingBatch[] = [];
    const branchCommits = this.db.statement<[string], CommitRow>(
      'SELECT c.* FROM branch_commits bc JOIN commits c ON c.id = bc.commit_id WHERE bc.branch_id = ? AND c.is_merge = 0 AND c.status <> \'ignored\' ORDER BY c.author_time, c.id',
    );
    for (const row of this.db
      .statement<[string, number, number], BranchRow & { draft: string | null }>(
        `SELECT ${BRANCH_COLUMNS}, d.text AS draft FROM branches b LEFT JOIN drafts d ON d.target = ? || b.id
          WHERE b.status = 'pending' AND b.closed_at >= ? AND b.closed_at < ? ORDER BY b.closed_at, b.id`,
      )
      .all(DraftTargets.branch(''), from, to)) {
      batches.push({ type: 'branch', repo: repositories.get(row.repo_id)!, branch: toBranch(row), commits: branchCommits.all(row.id).map(toCommit), draft: row.draft });
    }
    const groups = new Map<string, Extract<PendingBatch, { type: 'commits' }>>();
    for (const row of this.db
      .statement<[string, number, number], CommitRow & { draft: string | null }>(
        `SELECT c.*, d.text AS draft FROM commits c LEFT JOIN drafts d ON d.target = ? || c.ask_group
          WHERE ${WAITING_COMMITS} AND c.author_time >= ? AND c.author_time < ? ORDER BY c.repo_id, c.author_time, c.id`,
      )
      .all(DraftTargets.group(''), from, to)) {
      const key = row.ask_group ?? row.id;
      let batch = groups.get(key);
      if (!batch) {
        batch = { type: 'commits', repo: repositories.get(row.repo_id)!, group: key, commits: [], draft: row.draft };
        groups.set(key, batch);
      }
      batch.commits.push(toCommit(row));
    }
    batches.push(...groups.values());
    return batches;
  }
}
