/**
 * Rows as SQLite returns them, and the mappers to the core's records. Shared by the storage
 * modules so that a column is read one way everywhere.
 */
import type {
  BranchClosure,
  BranchRecord,
  BranchStatus,
  CommitRecord,
  CommitStatus,
  Outcome,
  OutcomeKind,
  OutcomeSource,
  Reach,
  RepositoryRecord,
} from '../core/domain';

export interface CommitRow {
  id: string;
  repo_id: string;
  sha: string;
  subject: string;
  author_email: string;
  author_time: number;
  branch: string | null;
  is_merge: number;
  status: CommitStatus;
  patch_id: string | null;
  gone_at: number | null;
  ask_group: string | null;
  recorded_at: number;
}

export interface RepositoryRow {
  id: string;
  name: string;
  root_commit: string | null;
  remote_url: string | null;
  default_branch: string | null;
  /** Where it lives on this machine: its most recently scanned clone. */
  root: string | null;
}

export interface OutcomeRow {
  id: string;
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  happened_at: number;
  created_at: number;
  repo_id: string | null;
  branch: string | null;
  parent_id: string | null;
  goal_id: string | null;
  reach: Reach | null;
  is_first: number;
  commit_ids: string | null;
}

export interface BranchRow {
  id: string;
  repo_id: string;
  name: string;
  tip: string;
  closed_as: BranchClosure;
  into_branch: string | null;
  status: BranchStatus;
  closed_at: number;
  commit_ids: string | null;
}

/** Selects a repository with the path of its most recently scanned clone as `root`. */
export const REPOSITORY_COLUMNS = `r.id, r.name, r.root_commit, r.remote_url, r.default_branch,
  (SELECT c.path FROM clones c WHERE c.repo_id = r.id ORDER BY c.scanned_at DESC, c.id DESC LIMIT 1) AS root`;

/** An outcome's columns with its linked commit ids. */
export const OUTCOME_COLUMNS = `o.id, o.text, o.kind, o.source, o.happened_at, o.created_at, o.repo_id, o.branch, o.parent_id, o.goal_id, o.reach, o.is_first,
  (SELECT group_concat(commit_id) FROM outcome_commits WHERE outcome_id = o.id) AS commit_ids`;

/**
 * The id of the commit record a sha names in a repository (binds `@repoId` and `@sha`): the record
 * whose sha it is now, else the one that had it before or was copied to it (`commit_aliases` keeps
 * only those other names). NULL when no record knows it.
 */
export const RECORD_OF_SHA = `coalesce((SELECT id FROM commits WHERE repo_id = @repoId AND sha = @sha),
  (SELECT commit_id FROM commit_aliases WHERE repo_id = @repoId AND sha = @sha))`;

/** A row of `history`: a commit an import brought in that nothing refers to yet (schema 8). */
export interface HistoryRow {
  repo_id: string;
  author_time: number;
  sha: string;
  subject: string;
  author_email: string;
  branch: string | null;
}

/**
 * The rows of `history` (as `h`) authored in [from, to), in every repository: one range read per
 * repository on history's key (repo_id, author_time, sha). `from` and `to` are SQL expressions.
 */
export const historyBetween = (from: string, to: string) => `repositories hr CROSS JOIN history h ON h.repo_id = hr.id AND h.author_time >= ${from} AND h.author_time < ${to}`;

const HISTORY_ID = /^history:(-?\d+):([0-9a-f]{40,64}):(.+)$/;

/**
 * The id of a history commit: made of its row's key, so that readers can hand it out and a write
 * can find the row again, and kept when the row moves to `commits` (recordHistoryRow): a tree
 * item, a draft or an outcome's link made with it stays right.
 */
export function historyCommitId(repoId: string, authorTime: number, sha: string): string {
  return `history:${authorTime}:${sha}:${repoId}`;
}

/** The key of the history row an id names; undefined for any other id. */
export function historyKeyOf(id: string): { repoId: string; authorTime: number; sha: string } | undefined {
  const match = HISTORY_ID.exec(id);
  return match ? { authorTime: Number(match[1]), sha: match[2], repoId: match[3] } : undefined;
}

/** A row of `history` as the commit record it stands for: never a merge, never gone, never asked about. */
export function toHistoryCommit(row: HistoryRow): CommitRecord {
  const id = historyCommitId(row.repo_id, row.author_time, row.sha);
  return toCommit({ ...row, id, is_merge: 0, status: 'history', patch_id: null, gone_at: null, ask_group: null, recorded_at: row.author_time });
}

/** A closed branch's columns with its commit ids. */
export const BRANCH_COLUMNS = `b.id, b.repo_id, b.name, b.tip, b.closed_as, b.into_branch, b.status, b.closed_at,
  (SELECT group_concat(commit_id) FROM branch_commits WHERE branch_id = b.id) AS commit_ids`;

export function toCommit(row: CommitRow): CommitRecord {
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
    askGroup: row.ask_group,
    goneAt: row.gone_at,
  };
}

export function toRepository(row: RepositoryRow): RepositoryRecord {
  return { id: row.id, name: row.name, root: row.root, remoteUrl: row.remote_url, defaultBranch: row.default_branch };
}

export function toOutcome(row: OutcomeRow): Outcome {
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
    goalId: row.goal_id,
    // Only when set, so that an outcome nobody marked reads as it always did (exports, tombstones).
    ...(row.reach ? { reach: row.reach } : {}),
    ...(row.is_first ? { first: true as const } : {}),
  };
}

export function toBranch(row: BranchRow): BranchRecord {
  return {
    id: row.id,
    repoId: row.repo_id,
    name: row.name,
    tip: row.tip,
    closedAs: row.closed_as,
    into: row.into_branch,
    status: row.status,
    closedAt: row.closed_at,
    commitIds: idList(row.commit_ids),
  };
}

/** A `group_concat` of ids as a sorted list (ULIDs sort by creation time). */
export function idList(text: string | null): string[] {
  return text ? text.split(',').sort() : [];
}

/** Draft keys: what the user typed for a piece of work, or for a form, kept until saved. */
export const DraftTargets = {
  group: (group: string) => `group:${group}`,
  branch: (branchId: string) => `branch:${branchId}`,
  addOutcome: 'add',
  rename: (outcomeId: string) => `rename:${outcomeId}`,
} as const;
