/**
 * A change as it travels between machines: named by what it is everywhere, never by what it is
 * on one disk. Outcomes, goals and reviews keep their ULIDs (made once, never reused); a
 * repository is its first commit and normalised remote (never a local path); a commit is its
 * repository and sha (with its patch id, which finds a copy of it); a closed branch is its
 * repository, name and tip. `toPortable` turns a change applied here into that form; `resolve*`
 * find (or make) the rows a portable change names on this machine.
 * Nothing here knows VS Code.
 */
import type { BranchClosure, GoalStatus, OutcomeKind, OutcomeSource, PlanState, Reach } from '../core/domain';
import { normalizeOutcomeText } from '../core/rules';
import { newId } from '../core/ulid';
import type { LogChange } from './changes';
import { normalizeRemoteUrl } from './clones';
import type { Database } from './database';
import { RECORD_OF_SHA, type CommitRow } from './rows';

/** A repository as every machine knows it. */
export interface RepoKey {
  /** Its oldest root commit; null for a repository without commits (matched by remote alone). */
  root: string | null;
  /** Its remote, normalised; null when it has none, or it is a folder on one machine. */
  remote: string | null;
  /** What it is called, for a machine that has no clone of it. */
  name: string;
}

export interface PortableCommit {
  repo: RepoKey;
  sha: string;
  subject: string;
  author: string;
  time: number;
  branch: string | null;
  patch: string | null;
  merge: boolean;
}

export interface PortableBranch {
  repo: RepoKey;
  name: string;
  tip: string;
  closedAs: BranchClosure;
  into: string | null;
}

/** A review's content: everything but the week it is of. */
export interface ReviewContent {
  weekEnd: number;
  answers: { movedForward: string | null; busyWork: string | null; nextFocus: string | null };
  highlights: string[];
}

/** A change as it travels. Fields are only ever added (a newer machine's operation reads on an older one). */
export type PortableChange =
  | {
      type: 'outcome.create';
      id: string;
      text: string;
      kind: OutcomeKind;
      source: OutcomeSource;
      happenedAt: number;
      repo: RepoKey | null;
      branch: string | null;
      goal: string | null;
      commits: PortableCommit[];
      closedBranch: PortableBranch | null;
      /** Since schema 10; absent in older operations (then nobody said). */
      reach?: Reach | null;
      first?: boolean;
    }
  | { type: 'outcome.edit'; id: string; text?: string; kind?: OutcomeKind }
  | { type: 'outcome.delete'; id: string }
  | { type: 'outcome.restore'; id: string }
  | { type: 'outcome.link'; ids: string[]; goal: string | null }
  | { type: 'outcome.mark'; ids: string[]; reach?: Reach | null; first?: boolean }
  | { type: 'commits.settle'; commits: PortableCommit[]; status: 'routine' | 'skipped' }
  | { type: 'branch.settle'; branch: PortableBranch; status: 'routine' | 'skipped' }
  | { type: 'goal.create'; id: string; title: string; why: string | null; targetDay: string | null }
  | { type: 'goal.edit'; id: string; title?: string; why?: string | null; targetDay?: string | null }
  | { type: 'goal.status'; id: string; status: GoalStatus }
  | ({ type: 'review.save'; weekStart: number } & ReviewContent)
  | { type: 'plan.add'; id: string; weekStart: number; text: string; goal: string | null; dueDay: string | null }
  | { type: 'plan.edit'; id: string; text?: string; goal?: string | null; dueDay?: string | null }
  | { type: 'plan.settle'; id: string; state: PlanState; outcome: string | null }
  /** Since schema 11: history of a repository was imported from `since` (ms; null for all history). Never its commits: each machine reads them from its own git. */
  | { type: 'history.import'; repo: RepoKey; since: number | null };

interface RepositoryRow {
  id: string;
  name: string;
  root_commit: string | null;
  remote_url: string | null;
}

/** A remote that is a folder of this machine names nothing on another one. */
export function travellingRemote(remote: string | null): string | null {
  const normalized = normalizeRemoteUrl(remote);
  if (!normalized) return null;
  if (/^(?:file:|\/|~|\.{1,2}[/\\]|[A-Za-z]:[\\/]|\\\\)/.test(normalized)) return null;
  return normalized;
}

/** Reads what a change applied here names, in the form it travels in. Runs in the change's transaction, after it. */
export class Portable {
  constructor(private readonly db: Database) {}

  /** The travelling form of `change`, now that it is applied (its outcome as saved, its commits as recorded). */
  of(change: LogChange): PortableChange {
    switch (change.type) {
      case 'outcome.create': {
        const row = this.db
          .statement<
            [string],
            { text: string; kind: OutcomeKind; source: OutcomeSource; happened_at: number; repo_id: string | null; branch: string | null; goal_id: string | null; reach: Reach | null; is_first: number }
          >('SELECT text, kind, source, happened_at, repo_id, branch, goal_id, reach, is_first FROM outcomes WHERE id = ?')
          .get(change.id)!;
        const commitIds = this.db.statement<[string], { commit_id: string }>('SELECT commit_id FROM outcome_commits WHERE outcome_id = ? ORDER BY commit_id').all(change.id).map((link) => link.commit_id);
        const branchId = this.db.statement<[string], { id: string }>('SELECT id FROM branches WHERE outcome_id = ?').get(change.id)?.id;
        return {
          type: 'outcome.create',
          id: change.id,
          text: row.text,
          kind: row.kind,
          source: row.source,
          happenedAt: row.happened_at,
          repo: row.repo_id ? this.repoKey(row.repo_id) : null,
          branch: row.branch,
          goal: row.goal_id,
          commits: this.commits(commitIds),
          closedBranch: branchId ? this.branch(branchId) : null,
          reach: row.reach,
          first: row.is_first === 1,
        };
      }
      case 'outcome.edit':
        return {
          type: 'outcome.edit',
          id: change.id,
          ...(change.text === undefined ? {} : { text: this.outcomeText(change.id) ?? normalizeOutcomeText(change.text) }),
          ...(change.kind === undefined ? {} : { kind: change.kind }),
        };
      case 'outcome.delete':
        return { type: 'outcome.delete', id: change.id };
      case 'outcome.restore':
        return { type: 'outcome.restore', id: change.deleted.outcome.id };
      case 'outcome.link':
        return { type: 'outcome.link', ids: [...change.outcomeIds], goal: change.goalId };
      case 'outcome.mark':
        return {
          type: 'outcome.mark',
          ids: [...change.outcomeIds],
          ...(change.reach === undefined ? {} : { reach: change.reach }),
          ...(change.first === undefined ? {} : { first: change.first }),
        };
      case 'plan.add': {
        const item = this.planItem(change.id);
        return { type: 'plan.add', id: change.id, weekStart: item.week_start, text: item.text, goal: item.goal_id, dueDay: item.due_day };
      }
      case 'plan.edit': {
        // Only the fields the person changed travel, as for a goal.
        const item = this.planItem(change.id);
        return {
          type: 'plan.edit',
          id: change.id,
          ...(change.change.text === undefined ? {} : { text: item.text }),
          ...(change.change.goalId === undefined ? {} : { goal: item.goal_id }),
          ...(change.change.dueDay === undefined ? {} : { dueDay: item.due_day }),
        };
      }
      case 'plan.settle': {
        const item = this.planItem(change.id);
        return { type: 'plan.settle', id: change.id, state: item.state, outcome: item.outcome_id };
      }
      case 'commits.settle':
        return { type: 'commits.settle', commits: this.commits(change.commitIds), status: change.status };
      case 'branch.settle':
        return { type: 'branch.settle', branch: this.branch(change.branchId), status: change.status };
      case 'goal.create': {
        const goal = this.goal(change.id);
        return { type: 'goal.create', id: change.id, title: goal.title, why: goal.why, targetDay: goal.target_day };
      }
      case 'goal.edit': {
        // Only the fields the person changed travel: a field changed on another machine meanwhile keeps its value.
        const goal = this.goal(change.id);
        return {
          type: 'goal.edit',
          id: change.id,
          ...(change.change.title === undefined ? {} : { title: goal.title }),
          ...(change.change.why === undefined ? {} : { why: goal.why }),
          ...(change.change.targetDay === undefined ? {} : { targetDay: goal.target_day }),
        };
      }
      case 'goal.status':
        return { type: 'goal.status', id: change.id, status: change.status };
      case 'history.import':
        return { type: 'history.import', repo: this.repoKey(change.repoId), since: change.since };
      case 'review.save': {
        const review = this.db
          .statement<[number], { id: string; week_start: number; week_end: number; moved_forward: string | null; busy_work: string | null; next_focus: string | null }>(
            'SELECT * FROM reviews WHERE week_start = ?',
          )
          .get(change.review.week.start);
        const row = review ?? this.db.statement<[string], NonNullable<typeof review>>('SELECT * FROM reviews WHERE id = ?').get(change.id)!;
        const highlights = this.db.statement<[string], { outcome_id: string }>('SELECT outcome_id FROM review_highlights WHERE review_id = ? ORDER BY position').all(row.id);
        return {
          type: 'review.save',
          weekStart: row.week_start,
          weekEnd: row.week_end,
          answers: { movedForward: row.moved_forward, busyWork: row.busy_work, nextFocus: row.next_focus },
          highlights: highlights.map((highlight) => highlight.outcome_id),
        };
      }
    }
  }

  private planItem(id: string): { week_start: number; text: string; goal_id: string | null; due_day: string | null; state: PlanState; outcome_id: string | null } {
    return this.db.statement<[string], ReturnType<Portable['planItem']>>('SELECT week_start, text, goal_id, due_day, state, outcome_id FROM plan_items WHERE id = ?').get(id)!;
  }

  /** A repository of this machine, as every machine knows it. */
  repoKey(repoId: string): RepoKey {
    const row = this.db.statement<[string], RepositoryRow>('SELECT id, name, root_commit, remote_url FROM repositories WHERE id = ?').get(repoId)!;
    return { root: row.root_commit, remote: travellingRemote(row.remote_url), name: row.name };
  }

  /** The repository a key names here, made (without a clone) when this machine has none. */
  resolveRepo(key: RepoKey): string {
    const candidates = this.db.statement<[], RepositoryRow>('SELECT id, name, root_commit, remote_url FROM repositories ORDER BY created_at, id').all();
    const found =
      candidates.find((row) => key.root !== null && row.root_commit === key.root && (!key.remote || !travellingRemote(row.remote_url) || travellingRemote(row.remote_url) === key.remote)) ??
      candidates.find((row) => key.root === null && key.remote !== null && travellingRemote(row.remote_url) === key.remote) ??
      // Known by its name alone (a log from before first commits were read, the repository not scanned since, no remote):
      // the name is all there is, and one repository per commit would be worse.
      candidates.find((row) => key.root === null && key.remote === null && row.root_commit === null && travellingRemote(row.remote_url) === null && row.name === key.name);
    if (found) return found.id;
    const now = this.db.now();
    const id = newId(now);
    this.db
      .statement('INSERT INTO repositories (id, name, root_commit, remote_url, default_branch, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)')
      .run(id, key.name, key.root, key.remote, now, now);
    return id;
  }

  /** The commit record a travelling commit names here: by sha (or a sha it had), by its change (a copy), or made now as history. */
  resolveCommit(commit: PortableCommit): string {
    const repoId = this.resolveRepo(commit.repo);
    const bySha = this.db.statement<[{ repoId: string; sha: string }], { id: string | null }>(`SELECT ${RECORD_OF_SHA} AS id`).get({ repoId, sha: commit.sha })?.id;
    if (bySha) return bySha;
    if (commit.patch) {
      const copy = this.db.statement<[string, string], { id: string }>('SELECT id FROM commits WHERE repo_id = ? AND patch_id = ? AND is_merge = 0 ORDER BY recorded_at, id LIMIT 1').get(repoId, commit.patch);
      if (copy) {
        this.db.statement('INSERT OR IGNORE INTO commit_aliases (repo_id, sha, commit_id) VALUES (?, ?, ?)').run(repoId, commit.sha, copy.id);
        return copy.id;
      }
    }
    // Imported history of this machine becomes a record, as when it is named here.
    this.db.statement('DELETE FROM history WHERE repo_id = ? AND sha = ?').run(repoId, commit.sha);
    const now = this.db.now();
    const id = newId(now);
    this.db
      .statement(
        `INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, branch, is_merge, status, patch_id, recorded_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'history', ?, ?, ?)`,
      )
      .run(id, repoId, commit.sha, commit.subject, commit.author, commit.time, commit.branch, commit.merge ? 1 : 0, commit.patch, now, now);
    return id;
  }

  /** The closed-branch record a travelling branch names here, made when this machine never saw it close. */
  resolveBranch(branch: PortableBranch, commitIds: readonly string[]): string {
    const repoId = this.resolveRepo(branch.repo);
    const found = this.db.statement<[string, string, string], { id: string }>('SELECT id FROM branches WHERE repo_id = ? AND name = ? AND tip = ?').get(repoId, branch.name, branch.tip);
    if (found) return found.id;
    const now = this.db.now();
    const id = newId(now);
    this.db
      .statement("INSERT INTO branches (id, repo_id, name, tip, closed_as, into_branch, status, closed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)")
      .run(id, repoId, branch.name, branch.tip, branch.closedAs, branch.into, now, now);
    const link = this.db.statement('INSERT OR IGNORE INTO branch_commits (branch_id, commit_id) VALUES (?, ?)');
    for (const commitId of commitIds) link.run(id, commitId);
    return id;
  }

  private commits(commitIds: readonly string[]): PortableCommit[] {
    const select = this.db.statement<[string], CommitRow>('SELECT * FROM commits WHERE id = ?');
    return commitIds
      .map((id) => select.get(id))
      .filter((row): row is CommitRow => row !== undefined)
      .map((row) => ({
        repo: this.repoKey(row.repo_id),
        sha: row.sha,
        subject: row.subject,
        author: row.author_email,
        time: row.author_time,
        branch: row.branch,
        patch: row.patch_id || null,
        merge: row.is_merge === 1,
      }));
  }

  private branch(branchId: string): PortableBranch {
    const row = this.db
      .statement<[string], { repo_id: string; name: string; tip: string; closed_as: BranchClosure; into_branch: string | null }>('SELECT repo_id, name, tip, closed_as, into_branch FROM branches WHERE id = ?')
      .get(branchId)!;
    return { repo: this.repoKey(row.repo_id), name: row.name, tip: row.tip, closedAs: row.closed_as, into: row.into_branch };
  }

  private outcomeText(id: string): string | undefined {
    return this.db.statement<[string], { text: string }>('SELECT text FROM outcomes WHERE id = ?').get(id)?.text;
  }

  private goal(id: string): { title: string; why: string | null; target_day: string | null } {
    return this.db.statement<[string], { title: string; why: string | null; target_day: string | null }>('SELECT title, why, target_day FROM goals WHERE id = ?').get(id)!;
  }
}
