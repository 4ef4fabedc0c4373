/**
 * The words of Progress Log's model, shared by every layer. Nothing here knows VS Code.
 *
 * Records of the log (repositories, commits, outcomes, branches) carry ULIDs (`src/core/ulid.ts`):
 * ids that no machine reuses, so that a log can one day meet itself on another machine.
 */

/** Shipped impact moves something forward; routine activity keeps things running. */
export type OutcomeKind = 'impact' | 'routine';

/**
 * Who an outcome reached, nearest first: the person alone, their team, other teams, the product's
 * users or customers, the whole organisation. Growth shows as reach widening over quarters.
 */
export type Reach = 'me' | 'team' | 'teams' | 'users' | 'organisation';

/** Every reach, nearest first (the order the naming input cycles through). */
export const REACHES: readonly Reach[] = ['me', 'team', 'teams', 'users', 'organisation'];

/** Reach beyond the person's own team. */
export function reachesBeyondTeam(reach: Reach | undefined | null): boolean {
  return reach === 'teams' || reach === 'users' || reach === 'organisation';
}

/** Where an outcome came from. */
export type OutcomeSource = 'commit' | 'branch' | 'manual';

/** Where the default branch is looked for when `origin/HEAD` does not say (`progressLog.defaultBranches`). */
export const DEFAULT_BRANCH_NAMES: readonly string[] = ['main', 'master', 'trunk', 'develop'];

/** When Progress Log asks about work (`progressLog.askWhen`). */
export type AskWhen = 'workLands' | 'eachCommit';

/**
 * What became of a commit the user made here:
 * - `open`: made on a branch that has not landed; asked about with the branch when it lands;
 * - `pending`: waiting for a name (never silently dropped);
 * - `named`: linked to an outcome;
 * - `routine`: routine activity, deliberately left unnamed;
 * - `skipped`: the user said it is not worth logging;
 * - `ignored`: not work to name on its own (a merge commit, a squash that lands a branch);
 * - `history`: imported from before Progress Log; shown in its week, never asked about.
 */
export type CommitStatus = 'open' | 'pending' | 'named' | 'routine' | 'skipped' | 'ignored' | 'history';

/** A commit as git reports it. Times are milliseconds since the epoch. */
export interface GitCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorTime: number;
  subject: string;
}

/**
 * A repository, known by what it is (its first commit, its remote) rather than where it sits;
 * `root` is where it lives on this machine (null when it has no clone here).
 */
export interface RepositoryRecord {
  id: string;
  name: string;
  root: string | null;
  remoteUrl: string | null;
  defaultBranch: string | null;
}

/** A commit Progress Log has recorded. Its sha follows the commit through amends, rebases and cherry-picks. */
export interface CommitRecord {
  id: string;
  repoId: string;
  sha: string;
  subject: string;
  authorTime: number;
  authorEmail: string;
  branch: string | null;
  isMerge: boolean;
  status: CommitStatus;
  /** Commits asked about together (a burst, a cherry-pick) share a group: one piece of work. */
  askGroup: string | null;
  /** When no branch, tag or HEAD reached it any more (reset away, squashed); null while it exists. */
  goneAt: number | null;
}

/** Where a goal stands: being worked on, done, or let go (both can be restored). */
export type GoalStatus = 'active' | 'completed' | 'dropped';

/** One of the three to five things the user wants to move forward. */
export interface Goal {
  id: string;
  /** One line. */
  title: string;
  /** Why it matters, in one line; null when not given. */
  why: string | null;
  /** The day it should be done by, "2026-12-31" in the user's calendar; null when open-ended. */
  targetDay: string | null;
  status: GoalStatus;
  createdAt: number;
  /** When it was completed or dropped. */
  closedAt: number | null;
}

/** A week looked back on: honest answers, and up to three outcomes to talk about. */
export interface Review {
  id: string;
  /** The week reviewed, [start, end) in ms, as the user's week settings made it. */
  weekStart: number;
  weekEnd: number;
  /** What moved forward? */
  movedForward: string | null;
  /** What was busy work that moved no goal? */
  busyWork: string | null;
  /** What is the one outcome that matters most next week? */
  nextFocus: string | null;
  /** Outcome ids, in the order the user put them. */
  highlights: string[];
  updatedAt: number;
}

/** A named outcome: one line about what moved forward. */
export interface Outcome {
  id: string;
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  /** When it happened (ms since the epoch): the newest linked commit, or when it was added by hand. */
  happenedAt: number;
  repoId: string | null;
  branch: string | null;
  commitIds: string[];
  /** The branch outcome this one appears under, if its commits were part of a closed branch. */
  parentId: string | null;
  /** The goal it moves forward; null when it is not tied to a goal (which is fine). */
  goalId: string | null;
  /** Who it reached, when the person said (never required; history and routine work carry none). */
  reach?: Reach;
  /** Something the person had not done before (a new area, a first talk, leading for the first time). */
  first?: true;
}

/**
 * How a branch was closed: merged into the default branch (merge, fast-forward, rebase,
 * cherry-pick), its changes landed there in one piece (a squash), or deleted without landing.
 */
export type BranchClosure = 'merged' | 'squash-merged' | 'deleted';

/**
 * What became of a closed branch: waiting for a name, named, routine, skipped; `covered` (every
 * commit already had an outcome: shipped with them, not asked); `abandoned` (closed without its
 * changes landing: recorded, never asked about); `history` (landed, but none of its commits were
 * recorded work of the user's).
 */
export type BranchStatus = 'pending' | 'named' | 'routine' | 'skipped' | 'covered' | 'abandoned' | 'history';

/** A local branch that was closed. */
export interface BranchRecord {
  id: string;
  repoId: string;
  name: string;
  tip: string;
  closedAs: BranchClosure;
  /** The branch it was merged into, when merged. */
  into: string | null;
  status: BranchStatus;
  closedAt: number;
  commitIds: string[];
}

/** One piece of work waiting for a name, asked about in one prompt: commits asked about together, or a closed branch. */
export type PendingBatch =
  | { type: 'commits'; repo: RepositoryRecord; group: string; commits: CommitRecord[]; draft: string | null }
  | { type: 'branch'; repo: RepositoryRecord; branch: BranchRecord; commits: CommitRecord[]; draft: string | null };

/** An outcome with what it links to, as the log shows it. */
export interface OutcomeView extends Outcome {
  repo: RepositoryRecord | null;
  /** Its commits that still exist. */
  commits: CommitRecord[];
  /** Outcomes of the branch's commits, shown under a branch outcome. */
  children: OutcomeView[];
}

/** Routine commits nobody named, in one repository. */
export interface RoutineGroup {
  repo: RepositoryRecord;
  /** How many routine commits of this repository nobody named. */
  count: number;
  /** Those commits, newest first; none when the span was read for its counts only (`RoutineCommits`). */
  commits: CommitRecord[];
}

/**
 * How a read of the log gives routine commits nobody named: listed (the tree lists them when its
 * summary is expanded), or only counted (a week shown at a glance, where listing thousands of
 * commits would be most of the read).
 */
export type RoutineCommits = 'listed' | 'counted';

/** Commits on a branch that has not landed yet, in one repository: work in progress. */
export interface OpenBranch {
  repo: RepositoryRecord;
  branch: string | null;
  commits: CommitRecord[];
}

/** Everything the log holds for a span of time. */
export interface LogContents {
  impact: OutcomeView[];
  routine: OutcomeView[];
  unnamedRoutine: RoutineGroup[];
  waiting: PendingBatch[];
  open: OpenBranch[];
  abandoned: BranchRecord[];
}

/** What deleting an outcome removed, so that Undo can put it back exactly. */
export interface DeletedOutcome {
  outcome: Outcome;
  createdAt: number;
  /** Commit statuses before the delete (the commits wait for a name again after it). */
  commitStatuses: { id: string; status: CommitStatus }[];
  childIds: string[];
  branch: { id: string; status: BranchStatus } | null;
}

/** What became of an item of a week's plan: still open, landed (by an outcome, or said so), moved on to a later week, dropped. */
export type PlanState = 'open' | 'landed' | 'moved' | 'dropped';

/** One intended outcome of a week's plan: a line, optionally tied to a goal and due on a day. */
export interface PlanItem {
  id: string;
  /** The start of the week it was planned for (ms since the epoch, as the review's week). */
  weekStart: number;
  text: string;
  goalId: string | null;
  /** YYYY-MM-DD, when the person gave one. */
  dueDay: string | null;
  state: PlanState;
  /** The outcome it landed as, when matched to one. */
  outcomeId: string | null;
}
