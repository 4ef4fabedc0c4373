/**
 * How the command shows the log: lines a person reads, and the JSON records a script reads, one
 * object per line. A record's fields are documented in the README ("The command line") and only
 * ever grow: a field once printed keeps its name and meaning. Days are YYYY-MM-DD in the user's
 * time zone; times are ISO 8601 in UTC.
 */
import { calendarIn } from '../../core/calendar';
import type { BranchRecord, CommitRecord, Goal, OpenBranch, OutcomeView, PendingBatch } from '../../core/domain';
import { shortSha } from '../../core/text';
import { batchKey } from '../../naming/naming';
import type { Styles } from './style';

/** What an outcome's words need besides the outcome: the time zone its day is read in, and goal titles. */
export interface OutcomeContext {
  timeZone: string;
  goalTitle(goalId: string): string | undefined;
}

const iso = (time: number) => new Date(time).toISOString();

/** "Nov 6, 2026, 14:05" in the user's time zone. */
export function dateTime(time: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(time);
}

function commitRecord(commit: CommitRecord, timeZone: string): object {
  return { sha: commit.sha, subject: commit.subject, day: calendarIn(timeZone).isoDate(commit.authorTime), branch: commit.branch };
}

/** `{ "type": "outcome", … }`: `parent` is the outcome it appears under (a branch's), or null. */
export function outcomeRecord(view: OutcomeView, context: OutcomeContext, extra: object = {}): object {
  const title = view.goalId === null ? undefined : context.goalTitle(view.goalId);
  return {
    type: 'outcome',
    ...extra,
    id: view.id,
    text: view.text,
    kind: view.kind,
    source: view.source,
    day: calendarIn(context.timeZone).isoDate(view.happenedAt),
    happenedAt: iso(view.happenedAt),
    repository: view.repo?.name ?? null,
    branch: view.branch,
    goal: view.goalId === null ? null : { id: view.goalId, title: title ?? null },
    parent: view.parentId,
    commits: view.commits.map((commit) => commitRecord(commit, context.timeZone)),
  };
}

/** "Cut checkout time by 30%  (api · feature/x · goal: Faster checkout · Nov 6)" */
export function outcomeLine(view: OutcomeView, context: OutcomeContext, style: Styles, withDay: boolean): string {
  const title = view.goalId === null ? undefined : context.goalTitle(view.goalId);
  const details = [
    view.repo ? view.repo.name : view.source === 'manual' ? 'added by hand' : undefined,
    view.branch ?? undefined,
    title === undefined ? undefined : `goal: ${title}`,
    withDay ? calendarIn(context.timeZone).day(view.happenedAt) : undefined,
    view.kind === 'routine' && withDay ? 'routine' : undefined,
  ].filter(Boolean);
  return `${view.text}${details.length ? `  ${style.dim(`(${details.join(' · ')})`)}` : ''}`;
}

/** An outcome and, indented under it, those named under it (a branch's commits'). */
export function outcomeLines(view: OutcomeView, context: OutcomeContext, style: Styles, indent = '  '): string[] {
  return [`${indent}- ${outcomeLine(view, context, style, false)}`, ...view.children.flatMap((child) => outcomeLines(child, context, style, `${indent}  `))];
}

/** `{ "type": "waiting", … }`: one piece of work waiting for a name (`what` is "branch" or "commits"). */
export function waitingRecord(batch: PendingBatch, timeZone: string, extra: object = {}): object {
  return {
    type: 'waiting',
    ...extra,
    id: batchKey(batch),
    what: batch.type === 'branch' ? 'branch' : 'commits',
    repository: batch.repo.name,
    branch: batch.type === 'branch' ? batch.branch.name : null,
    into: batch.type === 'branch' ? batch.branch.into : null,
    closedAs: batch.type === 'branch' ? batch.branch.closedAs : null,
    commits: batch.commits.map((commit) => commitRecord(commit, timeZone)),
  };
}

/** "feature/login  (merged into main · 3 commits · shop)" or "Fix the retry  (a1b2c3d · shop)" */
export function waitingLine(batch: PendingBatch, style: Styles): string {
  if (batch.type === 'branch') {
    const count = `${batch.commits.length} commit${batch.commits.length === 1 ? '' : 's'}`;
    const how = batch.branch.closedAs === 'squash-merged' ? 'squash-merged' : 'merged';
    return `${batch.branch.name}  ${style.dim(`(${how} into ${String(batch.branch.into)} · ${count} · ${batch.repo.name})`)}`;
  }
  const title = batch.commits.length === 1 ? batch.commits[0].subject : `${batch.commits.length} commits in ${batch.repo.name}`;
  return `${title}  ${style.dim(`(${batch.commits.map((commit) => shortSha(commit.sha)).join(' ')} · ${batch.repo.name})`)}`;
}

/** `{ "type": "inProgress", … }`: commits on a branch that has not landed. */
export function openRecord(work: OpenBranch, timeZone: string, extra: object = {}): object {
  return { type: 'inProgress', ...extra, repository: work.repo.name, branch: work.branch, commits: work.commits.map((commit) => commitRecord(commit, timeZone)) };
}

export function openLine(work: OpenBranch, style: Styles): string {
  return `${work.branch ?? 'detached HEAD'}  ${style.dim(`(${work.repo.name} · ${work.commits.length} commit${work.commits.length === 1 ? '' : 's'})`)}`;
}

/** `{ "type": "abandoned", … }`: a branch closed without its changes landing. */
export function abandonedRecord(branch: BranchRecord, timeZone: string, extra: object = {}): object {
  return { type: 'abandoned', ...extra, branch: branch.name, day: calendarIn(timeZone).isoDate(branch.closedAt), commits: branch.commitIds.length };
}

/** `{ "type": "goal", … }` */
export function goalRecord(goal: Goal, extra: object = {}): object {
  return {
    type: 'goal',
    id: goal.id,
    title: goal.title,
    why: goal.why,
    targetDay: goal.targetDay,
    status: goal.status,
    createdAt: iso(goal.createdAt),
    closedAt: goal.closedAt === null ? null : iso(goal.closedAt),
    ...extra,
  };
}
