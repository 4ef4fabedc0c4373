/**
 * Naming waiting work, whatever asks: a prompt, the Weekly Log, a weekly review, a command line.
 * What still waits, the pieces of work a scan's claim makes, suggestions, saving a line, settling
 * as routine or skipped, keeping what was typed, joining a burst of commits into the piece of work
 * already being asked about, and "Not now". The clock and the state are injected.
 * Nothing here knows VS Code.
 */
import { DEFAULT_BRANCH_NAMES, type CommitRecord, type Goal, type OutcomeKind, type PendingBatch, type Reach } from '../core/domain';
import { suggestReach } from '../core/reach';
import * as l10n from '../core/l10n';
import type { Logger } from '../core/logger';
import type { ActivityContext } from './activity';
import { suggestForBranch, suggestForCommits } from '../core/rules';
import { quoted, shortSha } from '../core/text';
import { suggestGoal, type WorkContext } from '../goals/goalRules';
import { SNOOZE_MS, StateKeys } from '../ids';
import { type Claimed, DraftTargets, type Store } from '../storage/store';

/**
 * The goals a line can be linked to as it is named: the active goals, in the order the user set
 * them, and what the evidence suggests (see `suggestedGoal` for what the input shows).
 */
export interface GoalChoices {
  options: readonly Pick<Goal, 'id' | 'title'>[];
  /** The goal the work itself points to (its branch's earlier outcomes, its words); null for none. */
  selected: string | null;
  /** The goal the work points to once the line, as typed, is read with it. */
  suggestFor(line: string): string | null;
}

/** The goal after `goalId` when the person changes it: each active goal in order, then none, then the first again. */
export function nextGoal(goals: Pick<GoalChoices, 'options'>, goalId: string | null): string | null {
  const cycle = [...goals.options.map((option) => option.id), null];
  return cycle[(cycle.indexOf(goalId) + 1) % cycle.length];
}

/**
 * The goal the naming input shows, and Enter links, until the person changes it: what the work
 * and the line point to, and none for routine activity. Upkeep moves no goal unless the person
 * says it does, so that a dependency bump never revives a stalled goal.
 */
export function suggestedGoal(goals: GoalChoices, kind: OutcomeKind, line?: string): string | null {
  if (kind === 'routine') return null;
  return line === undefined ? goals.selected : goals.suggestFor(line);
}

/** The goal choices for some work (see NamingWorkflow.goalChoices); undefined without active goals. */
export function goalChoices(store: Store, work: WorkContext): GoalChoices | undefined {
  const active = store.goals.list(['active']);
  if (active.length === 0) return undefined;
  // Read once: the input asks again at every keystroke.
  const onBranch = work.repoId && work.branch ? store.goals.lastGoalOnBranch(work.repoId, work.branch) : null;
  const history = { lastGoalOnBranch: () => onBranch };
  const suggestFor = (line: string) => suggestGoal({ ...work, words: [...work.words, line] }, active, history)?.id ?? null;
  return { options: active.map(({ id, title }) => ({ id, title })), selected: suggestGoal(work, active, history)?.id ?? null, suggestFor };
}

/** The goal choices for a line added by hand, which says nothing but its own words about its goal. */
export function goalChoicesForLine(store: Store, text: string): GoalChoices | undefined {
  const choices = goalChoices(store, { repoId: null, branch: null, words: [] });
  return choices && { ...choices, selected: choices.suggestFor(text) };
}

/**
 * Who a line being named reached, as the naming input shows it until the person changes it: what
 * the line's words say, else its goal's (title, then why); nothing for routine activity, which
 * carries no reach, nor when the words name nobody (a wrong reach is worse than none).
 */
export interface ReachChoices {
  suggestFor(line: string, kind: OutcomeKind, goalId: string | null): Reach | undefined;
}

/** The reach choices of the naming input, the active goals' words read once (it asks at every keystroke). */
export function reachChoices(store: Store): ReachChoices {
  const goals = new Map(store.goals.list(['active']).map((goal) => [goal.id, goal]));
  return {
    suggestFor(line, kind, goalId) {
      if (kind === 'routine') return undefined;
      return suggestReach(line, goalId === null ? undefined : goals.get(goalId))?.reach;
    },
  };
}

/** What saving did: written now, or kept to be written as soon as the database is free (never lost). */
export type SaveState = 'saved' | 'kept';

/** Where "Not now" is remembered (VS Code's globalState in the extension; a map in tests). */
export interface NamingState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export class NamingWorkflow {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly state: NamingState,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every piece of work waiting for a name: closed branches, then commits asked about together. */
  waiting(): PendingBatch[] {
    return this.store.log.pendingBatches();
  }

  /** The pieces of work a scan claimed for this window: its commits (one piece), and each closed branch. */
  batchesFor(claimed: Claimed): PendingBatch[] {
    const waiting = this.waiting();
    const claimedCommits = new Set(claimed.commits.map((commit) => commit.id));
    const claimedBranches = new Set(claimed.branches.map((branch) => branch.id));
    return waiting.filter((batch) =>
      batch.type === 'branch' ? claimedBranches.has(batch.branch.id) : batch.commits.some((commit) => claimedCommits.has(commit.id)),
    );
  }

  /** The same piece of work as it stands now (another window may have named part of it), with its latest draft; undefined when nothing of it waits. */
  stillWaiting(batch: PendingBatch): PendingBatch | undefined {
    const key = batchKey(batch);
    return this.waiting().find((candidate) => batchKey(candidate) === key);
  }

  /**
   * Why a piece of work no longer waits for a name, in one sentence for whoever asked about it
   * (a notification answered late, a row from before a refresh): it is gone from the repository,
   * or it has an answer already.
   */
  notWaitingReason(batch: PendingBatch): string {
    const repo = batch.repo.name;
    if (batch.type === 'branch') {
      // A merge undone takes the branch's record back; its commits wait for the branch to land again.
      if (!this.store.scans.branch(batch.branch.id)) {
        return l10n.t('Nothing to name yet: branch {0} is no longer merged into {1} in {2}, and is asked about when it lands again.', batch.branch.name, String(batch.branch.into), repo);
      }
    } else if (batch.commits.every((commit) => this.isGone(commit.id))) {
      return l10n.plural(
        batch.commits.length,
        'Nothing to name: commit {1} is no longer in {2} (it was reset or rebased away).',
        'Nothing to name: these {0} commits are no longer in {2} (they were reset or rebased away).',
        shortSha(batch.commits[0].sha),
        repo,
      );
    }
    return l10n.t('That work already has a name (perhaps from another window).');
  }

  /** Whether a recorded commit is gone: no branch, tag or HEAD reaches it any more. */
  private isGone(commitId: string): boolean {
    const record = this.store.scans.commit(commitId);
    return !record || record.goneAt !== null;
  }

  /**
   * Commits that arrived while a piece of work from the same repository is being asked about join
   * it: one prompt per repository for a burst, never a pile. Returns the piece as it is now.
   */
  join(batch: Extract<PendingBatch, { type: 'commits' }>, commitIds: readonly string[]): PendingBatch | undefined {
    if (commitIds.length > 0) this.store.outcomes.askTogether(commitIds, batch.group);
    return this.stillWaiting(batch);
  }

  /** What the input offers first: the branch name, or a line from all the commits' words, and a kind. */
  suggestion(batch: PendingBatch): { text: string; kind: OutcomeKind } {
    return batch.type === 'branch' ? suggestForBranch(batch.branch.name, batch.commits) : suggestForCommits(batch.commits, workOf(batch).branch);
  }

  /** What a line for this work is compared with to tell whether it only repeats it: every commit's subject, and its branch. */
  activityContext(batch: PendingBatch): ActivityContext {
    return { subjects: batch.commits.map((commit) => commit.subject), branch: batch.type === 'branch' ? batch.branch.name : workOf(batch).branch };
  }

  /**
   * The goals the naming input offers for some work, the suggested one selected, only on evidence:
   * the goal its branch's earlier outcomes were linked to, else the one its words share (see
   * `suggestGoal`). Undefined when there is no active goal (the input then says nothing about goals).
   */
  goalChoices(work: WorkContext): GoalChoices | undefined {
    return goalChoices(this.store, work);
  }

  /** Who the line reached, as the naming input suggests it (see `reachChoices`). */
  reachChoices(): ReachChoices {
    return reachChoices(this.store);
  }

  /**
   * Saves the line for a piece of work, linked to `goalId` (null: not tied to a goal), with who it
   * reached (null: not said): 'saved', or 'kept' to be written as soon as the database is free.
   * @throws InvalidOutcomeError when the line cannot be an outcome; InvalidInputError when the work was named meanwhile.
   */
  save(batch: PendingBatch, text: string, kind: OutcomeKind, goalId: string | null = null, reach: Reach | null = null): SaveState {
    const { state } =
      batch.type === 'branch'
        ? this.store.changes.createOutcome({ text, kind, source: 'branch', branchId: batch.branch.id, goalId, reach })
        : this.store.changes.createOutcome({ text, kind, source: 'commit', commitIds: batch.commits.map((commit) => commit.id), goalId, reach });
    if (goalId !== null) this.logger.info(`The outcome of ${describeBatch(batch)} moves goal ${goalId}`);
    return state;
  }

  /** "Routine" or "Skip": the work stops waiting, without a name ('kept' while the database is locked). */
  settle(batch: PendingBatch, status: 'routine' | 'skipped'): SaveState {
    const { state } = batch.type === 'branch' ? this.store.changes.settleBranch(batch.branch.id, status) : this.store.changes.settleCommits(batch.commits.map((commit) => commit.id), status);
    this.logger.info(`${describeBatch(batch)} settled as ${status}${state === 'kept' ? ' (kept until the database is free)' : ''}`);
    return state;
  }

  /** Keeps what was typed for a piece of work; the suggestion itself, or nothing, is not a draft. */
  keepDraft(batch: PendingBatch, text: string): void {
    const suggestion = this.suggestion(batch).text;
    this.store.drafts.set(draftTarget(batch), text.trim() !== '' && text !== suggestion ? text : null);
  }

  /** Until when "Not now" keeps prompts quiet, if it does. */
  snoozedUntil(): number | undefined {
    const until = this.state.get<number>(StateKeys.snoozedUntil);
    return until !== undefined && until > this.now() ? until : undefined;
  }

  /** "Not now": no prompts for an hour; what arrives meanwhile waits in the status bar and the log. Returns until when. */
  async snooze(): Promise<number> {
    const until = this.now() + SNOOZE_MS;
    await this.state.update(StateKeys.snoozedUntil, until);
    this.logger.info(`Prompts snoozed until ${new Date(until).toLocaleTimeString()}`);
    return until;
  }

  async resume(): Promise<void> {
    await this.state.update(StateKeys.snoozedUntil, undefined);
    this.logger.info('Prompts resumed');
  }
}

/** What a piece of work says about its goal: its repository, its branch (a line of work), and the words of its branch name and commits. */
export function workOf(batch: PendingBatch): WorkContext {
  if (batch.type === 'branch') return { repoId: batch.repo.id, branch: lineOfWork(batch.branch.name, batch.repo.defaultBranch), words: batch.commits.map((commit) => commit.subject) };
  return workOfCommits(batch.repo.id, batch.commits, batch.repo.defaultBranch);
}

/** Commits named together: the branch they were made on (the newest commit's that has one) when it is a line of work, and their subjects. */
export function workOfCommits(repoId: string | null, commits: readonly Pick<CommitRecord, 'branch' | 'subject'>[], defaultBranch: string | null = null): WorkContext {
  const branch = [...commits].reverse().find((commit) => commit.branch !== null)?.branch ?? null;
  return { repoId, branch: lineOfWork(branch, defaultBranch), words: commits.map((commit) => commit.subject) };
}

/**
 * A branch as a line of work of its own, or null for the branch everything lands on (the
 * repository's default, or one of the usual names of one): there, the goal of one outcome says
 * nothing about the next.
 */
export function lineOfWork(branch: string | null, defaultBranch: string | null): string | null {
  if (branch === null || branch === defaultBranch || DEFAULT_BRANCH_NAMES.includes(branch)) return null;
  return branch;
}

/** The draft key of a piece of work. */
export function draftTarget(batch: PendingBatch): string {
  return batch.type === 'branch' ? DraftTargets.branch(batch.branch.id) : DraftTargets.group(batch.group);
}

/** Identifies a piece of work across reads. */
export function batchKey(batch: PendingBatch): string {
  return batch.type === 'branch' ? `branch:${batch.branch.id}` : `group:${batch.group}`;
}

/** For logs: "branch x (3f2a1b9, 9b1c2d3)" or "3f2a1b9, 9b1c2d3". */
export function describeBatch(batch: PendingBatch): string {
  const commits = batch.commits.map((commit) => shortSha(commit.sha)).join(', ');
  return batch.type === 'branch' ? `branch ${batch.branch.name} (${commits})` : commits;
}

/** "Committed 3f2a1b9 “Fix retry” in shop. What moved forward?" or "Branch x merged into main (7 commits) in shop. What shipped?" */
export function notificationText(batch: PendingBatch): string {
  const repo = batch.repo.name;
  if (batch.type === 'branch') {
    const { name, closedAs } = batch.branch;
    const into = String(batch.branch.into); // a waiting branch was merged, so it has one
    const count = batch.commits.length;
    if (closedAs === 'squash-merged') {
      return count
        ? l10n.plural(count, 'Branch {1} was squash-merged into {2} ({0} commit) in {3}. What shipped?', 'Branch {1} was squash-merged into {2} ({0} commits) in {3}. What shipped?', name, into, repo)
        : l10n.t('Branch {0} was squash-merged into {1} in {2}. What shipped?', name, into, repo);
    }
    return count
      ? l10n.plural(count, 'Branch {1} merged into {2} ({0} commit) in {3}. What shipped?', 'Branch {1} merged into {2} ({0} commits) in {3}. What shipped?', name, into, repo)
      : l10n.t('Branch {0} merged into {1} in {2}. What shipped?', name, into, repo);
  }
  const [first] = batch.commits;
  if (batch.commits.length === 1) return l10n.t('Committed {0} {1} in {2}. What moved forward?', shortSha(first.sha), quoted(first.subject), repo);
  const newest = batch.commits[batch.commits.length - 1];
  return l10n.t('{0} new commits in {1}, latest {2} {3}. What moved forward?', batch.commits.length, repo, shortSha(newest.sha), quoted(newest.subject, 40));
}

/** The one-line input's title for a piece of work. */
export function inputTitle(batch: PendingBatch): string {
  const repo = batch.repo.name;
  if (batch.type === 'branch') return l10n.t('What shipped with {0} in {1}', batch.branch.name, repo);
  if (batch.commits.length === 1) return l10n.t('Outcome of {0} in {1}', shortSha(batch.commits[0].sha), repo);
  return l10n.t('Outcome of {0} commits in {1}', batch.commits.length, repo);
}
