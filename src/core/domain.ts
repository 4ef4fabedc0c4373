/** The words of Progress Log's model, shared by every layer. Nothing here knows VS Code. */

/** Shipped impact moves something forward; routine activity keeps things running. */
export type OutcomeKind = 'impact' | 'routine';

/** Where an outcome came from. */
export type OutcomeSource = 'commit' | 'branch' | 'manual';

/**
 * What became of a commit the user made:
 * - `pending`: waiting for a name (never silently dropped);
 * - `named`: linked to an outcome;
 * - `routine`: routine activity, deliberately left unnamed;
 * - `skipped`: the user said it is not worth logging;
 * - `ignored`: not the user's work to name (a merge commit, someone else's commit).
 */
export type CommitStatus = 'pending' | 'named' | 'routine' | 'skipped' | 'ignored';

/** A commit as git reports it. Times are milliseconds since the epoch. */
export interface GitCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorTime: number;
  subject: string;
}

/** A repository Progress Log has seen. */
export interface RepositoryRecord {
  id: number;
  root: string;
  remoteUrl: string | null;
  defaultBranch: string | null;
}

/** A commit Progress Log has recorded. */
export interface CommitRecord {
  id: number;
  repoId: number;
  sha: string;
  subject: string;
  authorTime: number;
  authorEmail: string;
  branch: string | null;
  isMerge: boolean;
  status: CommitStatus;
  /** Text the user typed but did not save yet; kept so that Escape loses nothing. */
  draft: string | null;
}

/** A named outcome: one line about what moved forward. */
export interface Outcome {
  id: number;
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  /** When it happened (ms since the epoch): the newest linked commit, or when it was added by hand. */
  happenedAt: number;
  repoId: number | null;
  branch: string | null;
  commitIds: number[];
  /** The branch outcome this one appears under, if its commits were part of a closed branch. */
  parentId: number | null;
}

/**
 * How a branch was closed: merged into the default branch (merge, fast-forward, rebase), merged
 * upstream with a squash (its remote branch vanished), or deleted without being merged.
 */
export type BranchClosure = 'merged' | 'squash-merged' | 'deleted';

/**
 * What became of a closed branch: waiting for a name, named, routine, skipped, or `abandoned`
 * (deleted unmerged: recorded, never asked about).
 */
export type BranchStatus = 'pending' | 'named' | 'routine' | 'skipped' | 'abandoned';

/** A local branch that was closed. */
export interface BranchRecord {
  id: number;
  repoId: number;
  name: string;
  tip: string;
  closedAs: BranchClosure;
  /** The branch it was merged into, when merged. */
  into: string | null;
  status: BranchStatus;
  closedAt: number;
  draft: string | null;
  commitIds: number[];
}

/** Something waiting for a name, asked about in one prompt: commits that arrived together, or a closed branch. */
export type PendingBatch =
  | { type: 'commits'; repo: RepositoryRecord; commits: CommitRecord[] }
  | { type: 'branch'; repo: RepositoryRecord; branch: BranchRecord; commits: CommitRecord[] };

/** An outcome with what it links to, as the log shows it. */
export interface OutcomeView extends Outcome {
  repo: RepositoryRecord | null;
  commits: CommitRecord[];
  /** Outcomes of the branch's commits, shown under a branch outcome. */
  children: OutcomeView[];
}

/** Routine commits nobody named, in one repository. */
export interface RoutineGroup {
  repo: RepositoryRecord;
  commits: CommitRecord[];
}

/** Everything the log holds for a span of time. */
export interface LogContents {
  impact: OutcomeView[];
  routine: OutcomeView[];
  unnamedRoutine: RoutineGroup[];
  waiting: PendingBatch[];
  abandoned: BranchRecord[];
}

/** What deleting an outcome removed, so that Undo can put it back exactly. */
export interface DeletedOutcome {
  outcome: Outcome;
  createdAt: number;
  /** Commit statuses before the delete (the commits wait for a name again after it). */
  commitStatuses: { id: number; status: CommitStatus }[];
  childIds: number[];
  branch: { id: number; status: BranchStatus } | null;
}
