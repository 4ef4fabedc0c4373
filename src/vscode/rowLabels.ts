/**
 * What a screen reader says for each row of the Weekly Log and the Goals view: what kind of row
 * it is, how many it holds (the count a sighted user reads as "(2)" or in the row's description),
 * then what it says. VS Code adds the row's level, position and whether it is expanded.
 */
import * as vscode from 'vscode';
import * as l10n from '../core/l10n';
import type { BranchRecord, OpenBranch, OutcomeView, PendingBatch, Review } from '../core/domain';
import { QUESTIONS } from '../core/reviewAnswers';
import type { WeekCounts } from '../log/weeklyLog';
import type { GoalProgress } from '../storage/store';

type Label = vscode.AccessibilityInformation;
const label = (text: string): Label => ({ label: text });

/** `title` is the row's own words: "This week, Nov 30 – Dec 6", "Nov 16 – 22". */
export function weekRow(title: string, counts: WeekCounts, reviewed: boolean): Label {
  return label(
    reviewed
      ? vscode.l10n.t('Week, {0}, reviewed: {1} shipped, {2} routine, {3} waiting for a name', title, counts.shipped, counts.routine, counts.waiting)
      : vscode.l10n.t('Week, {0}: {1} shipped, {2} routine, {3} waiting for a name', title, counts.shipped, counts.routine, counts.waiting),
  );
}

export function groupRow(group: 'impact' | 'routine' | 'waiting' | 'open' | 'abandoned', count: number): Label {
  return label(
    {
      impact: () => l10n.plural(count, 'Shipped impact: {0} outcome', 'Shipped impact: {0} outcomes'),
      routine: () => l10n.plural(count, 'Routine activity: {0} outcome or unnamed commit', 'Routine activity: {0} outcomes and unnamed commits'),
      waiting: () => l10n.plural(count, 'Waiting for a name: {0} piece of work', 'Waiting for a name: {0} pieces of work'),
      open: () => l10n.plural(count, 'In progress: {0} branch', 'In progress: {0} branches'),
      abandoned: () => l10n.plural(count, 'Abandoned branches: {0} branch', 'Abandoned branches: {0} branches'),
    }[group](),
  );
}

/** An outcome row: its kind, what it links (commits, and outcomes under a branch's), its line; then its goal. */
export function outcomeRow(outcome: Pick<OutcomeView, 'kind' | 'text'> & { commits: readonly unknown[]; children?: readonly unknown[] }, goal?: string): Label {
  const commits = outcome.commits.length;
  const under = commits + (outcome.children?.length ?? 0);
  const impact = outcome.kind === 'impact';
  const main =
    under > commits
      ? impact
        ? vscode.l10n.t('Shipped impact outcome of a branch, {0} commits and outcomes under it: {1}', under, outcome.text)
        : vscode.l10n.t('Routine outcome of a branch, {0} commits and outcomes under it: {1}', under, outcome.text)
      : impact
        ? l10n.plural(commits, 'Shipped impact outcome, {0} commit: {1}', 'Shipped impact outcome, {0} commits: {1}', outcome.text)
        : l10n.plural(commits, 'Routine outcome, {0} commit: {1}', 'Routine outcome, {0} commits: {1}', outcome.text);
  return label(goal === undefined ? main : `${main} ${vscode.l10n.t('Goal: {0}.', goal)}`);
}

export function commitRow(shortSha: string, subject: string, repository: string | undefined): Label {
  return label(repository ? vscode.l10n.t('Commit {0} in {1}: {2}', shortSha, repository, subject) : vscode.l10n.t('Commit {0}: {1}', shortSha, subject));
}

/** `summary` is "14 commits in api, web". */
export function routineSummaryRow(summary: string): Label {
  return label(vscode.l10n.t('Unnamed routine commits: {0}', summary));
}

export function waitingRow(batch: PendingBatch): Label {
  const count = batch.commits.length;
  if (batch.type === 'branch') {
    return label(l10n.plural(count, 'Branch waiting for a name: {1}, {0} commit, merged into {2}', 'Branch waiting for a name: {1}, {0} commits, merged into {2}', batch.branch.name, String(batch.branch.into)));
  }
  return label(
    count === 1
      ? vscode.l10n.t('Commit waiting for a name in {0}: {1}', batch.repo.name, batch.commits[0].subject)
      : l10n.plural(count, 'Waiting for a name: {0} commit in {1}', 'Waiting for a name: {0} commits in {1}', batch.repo.name),
  );
}

export function openBranchRow(work: OpenBranch, branch: string): Label {
  return label(l10n.plural(work.commits.length, 'Branch in progress: {1} in {2}, {0} commit', 'Branch in progress: {1} in {2}, {0} commits', branch, work.repo.name));
}

export function abandonedRow(branch: BranchRecord): Label {
  return label(l10n.plural(branch.commitIds.length, 'Abandoned branch: {1}, {0} commit', 'Abandoned branch: {1}, {0} commits', branch.name));
}

export function reviewRow(review: Review): Label {
  const answered = QUESTIONS.filter((question) => review[question]).length;
  return label(l10n.plural(review.highlights.length, 'Review of the week: {0} highlight, {1} of {2} questions answered', 'Review of the week: {0} highlights, {1} of {2} questions answered', answered, QUESTIONS.length));
}

/** `question` is the question's short name ("Moved forward"). */
export function reviewAnswerRow(question: string, text: string): Label {
  return label(vscode.l10n.t('Review answer, {0}: {1}', question, text));
}

export function olderWeeksRow(weeks: number): Label {
  return label(l10n.plural(weeks, 'Load {0} older week', 'Load {0} older weeks'));
}

export function noMatchRow(filter: string): Label {
  return label(vscode.l10n.t('Filter {0}: no week matches', filter));
}

export function goalRow(progress: GoalProgress, description: string): Label {
  const { goal, inWeek, inQuarter } = progress;
  const main = {
    active: () => vscode.l10n.t('Goal, {0} outcomes this week, {1} this quarter: {2}.', inWeek, inQuarter, goal.title),
    completed: () => vscode.l10n.t('Completed goal, {0} outcomes this week, {1} this quarter: {2}.', inWeek, inQuarter, goal.title),
    dropped: () => vscode.l10n.t('Dropped goal, {0} outcomes this week, {1} this quarter: {2}.', inWeek, inQuarter, goal.title),
  }[goal.status]();
  return label(description ? `${main} ${description}` : main);
}

export function goalFactRow(text: string): Label {
  return label(vscode.l10n.t('Goal fact: {0}', text));
}

export function untiedRow(count: number): Label {
  return label(l10n.plural(count, 'Not tied to a goal: {0} outcome this week', 'Not tied to a goal: {0} outcomes this week'));
}

export function closedGoalsRow(count: number): Label {
  return label(l10n.plural(count, 'Completed and dropped goals: {0} goal', 'Completed and dropped goals: {0} goals'));
}
