/**
 * What the review panel shows for one week, as plain data the webview renders: the week at a
 * glance (with outcomes by goal and the goals that did not move), work still waiting for a name,
 * lines that read like activity, the honest questions and the highlights. Built from what the
 * store holds; nothing here knows VS Code.
 */
import { calendarIn } from '../core/calendar';
import type { Goal, OutcomeKind, OutcomeView, PendingBatch } from '../core/domain';
import * as l10n from '../core/l10n';
import { MAX_OUTCOME_LENGTH } from '../core/outcomeLine';
import { shortSha } from '../core/text';
import { localTime, type Week } from '../core/weeks';
import { batchKey } from '../naming/naming';
import { MAX_ANSWER_LENGTH, MAX_ANSWER_LINES, MAX_HIGHLIGHTS, questionText, QUESTIONS, type Question, type ReviewAnswers } from '../core/reviewAnswers';
import { echoedActivity, sharpenQuestion } from './sharpen';

/** An outcome as the panel lists it. */
export interface OutcomeCard {
  id: string;
  text: string;
  kind: OutcomeKind;
  /** "api · main", "added by hand". */
  where: string;
  /** The goal it moves, by title; null when not tied to a goal. */
  goal: string | null;
}

/** A piece of work waiting for a name, with what its input starts with. */
export interface WaitingCard {
  /** Identifies the piece of work across reads (`batchKey`). */
  key: string;
  title: string;
  where: string;
  commits: { sha: string; subject: string }[];
  /** The draft typed earlier, or the suggestion the prompt would offer. */
  value: string;
  kind: OutcomeKind;
}

/** A shipped line that is still just what git said. */
export interface SharpenCard {
  id: string;
  text: string;
  /** The commit subject or branch name it repeats. */
  echoes: string;
  where: string;
}

export interface GoalCard {
  id: string;
  title: string;
  outcomes: OutcomeCard[];
}

/** An active goal with no outcome in the week. */
export interface IdleGoal {
  id: string;
  title: string;
  /** "last moved Nov 12", or "no outcomes yet". */
  lastMoved: string;
}

/** What the form holds: the answers and the highlights, saved or not yet. */
export interface ReviewForm {
  answers: ReviewAnswers;
  highlights: string[];
}

export interface ReviewModel {
  week: { start: number; end: number; label: string; range: string };
  /** When the week's review was last saved; null when it was never reviewed. */
  saved: { at: number; label: string } | null;
  glance: { shipped: number; routine: number; commits: number; waiting: number; inProgress: number; unnamedRoutine: string | null };
  impact: OutcomeCard[];
  routine: OutcomeCard[];
  goals: { moved: GoalCard[]; notTied: OutcomeCard[]; idle: IdleGoal[]; anyActive: boolean };
  waiting: WaitingCard[];
  sharpen: { question: string; lines: SharpenCard[] };
  /** The week's top-level outcomes, shipped impact first: what can be a highlight. */
  candidates: OutcomeCard[];
  form: ReviewForm & { from: 'draft' | 'saved' | 'new' };
  questions: { id: Question; text: string }[];
  limits: { highlights: number; answerLines: number; answerLength: number; line: number };
  /**
   * Signals that changed this week (from the insights work), one sentence each, shown at the top
   * of "the week at a glance" when there are any. Empty until a signal source is given.
   */
  signals: string[];
}

/** Everything the model is built from, read by the caller. */
export interface ReviewInputs {
  week: Week;
  label: string;
  range: string;
  timeZone: string;
  contents: { impact: OutcomeView[]; routine: OutcomeView[]; routineCount: number; unnamedRoutine: string | null; waiting: PendingBatch[]; inProgress: number };
  commitCount: number;
  /** Every goal, any status, in the store's order. */
  goals: Goal[];
  /** When each goal last moved. */
  lastProgress: ReadonlyMap<string, number | null>;
  saved: { at: number; form: ReviewForm } | null;
  draft: ReviewForm | null;
  suggestion(batch: PendingBatch): { text: string; kind: OutcomeKind };
  signals: string[];
}

export function buildReviewModel(inputs: ReviewInputs): ReviewModel {
  const calendar = calendarIn(inputs.timeZone);
  const goalTitles = new Map(inputs.goals.map((goal) => [goal.id, goal.title]));
  const card = (outcome: OutcomeView): OutcomeCard => ({ id: outcome.id, text: outcome.text, kind: outcome.kind, where: whereOf(outcome), goal: outcome.goalId ? (goalTitles.get(outcome.goalId) ?? null) : null });
  const impact = inputs.contents.impact.map(card);
  const routine = inputs.contents.routine.map(card);
  const candidates = [...impact, ...routine];
  const candidateIds = new Set(candidates.map((candidate) => candidate.id));

  const goalOf = new Map([...inputs.contents.impact, ...inputs.contents.routine].map((view) => [view.id, view.goalId]));
  const moved: GoalCard[] = [];
  for (const goal of inputs.goals) {
    const outcomes = candidates.filter((candidate) => goalOf.get(candidate.id) === goal.id);
    if (outcomes.length > 0) moved.push({ id: goal.id, title: goal.title, outcomes });
  }
  const tiedIds = new Set(moved.flatMap((goal) => goal.outcomes.map((outcome) => outcome.id)));
  const active = inputs.goals.filter((goal) => goal.status === 'active');
  const idle = active
    .filter((goal) => !moved.some((entry) => entry.id === goal.id))
    .map((goal) => {
      const last = inputs.lastProgress.get(goal.id) ?? null;
      return { id: goal.id, title: goal.title, lastMoved: last === null ? l10n.t('no outcomes yet') : l10n.t('last moved {0}', calendar.day(last)) };
    });

  const sharpen: SharpenCard[] = [];
  const visit = (outcomes: readonly OutcomeView[]) => {
    for (const outcome of outcomes) {
      const echoes = echoedActivity(outcome);
      if (echoes !== undefined) sharpen.push({ id: outcome.id, text: outcome.text, echoes, where: whereOf(outcome) });
      visit(outcome.children);
    }
  };
  visit(inputs.contents.impact);

  const keep = (form: ReviewForm): ReviewForm => ({ answers: { ...form.answers }, highlights: form.highlights.filter((id) => candidateIds.has(id)) });
  const form = inputs.draft
    ? { ...keep(inputs.draft), from: 'draft' as const }
    : inputs.saved
      ? { ...keep(inputs.saved.form), from: 'saved' as const }
      : { answers: { movedForward: null, busyWork: null, nextFocus: null }, highlights: [], from: 'new' as const };

  return {
    week: { start: inputs.week.start, end: inputs.week.end, label: inputs.label, range: inputs.range },
    saved: inputs.saved ? { at: inputs.saved.at, label: l10n.t('Reviewed {0}, {1}', calendar.day(inputs.saved.at), clock(inputs.saved.at, inputs.timeZone)) } : null,
    glance: {
      shipped: impact.length,
      routine: inputs.contents.routineCount,
      commits: inputs.commitCount,
      waiting: inputs.contents.waiting.length,
      inProgress: inputs.contents.inProgress,
      unnamedRoutine: inputs.contents.unnamedRoutine,
    },
    impact,
    routine,
    goals: { moved, notTied: candidates.filter((candidate) => !tiedIds.has(candidate.id)), idle, anyActive: active.length > 0 },
    waiting: inputs.contents.waiting.map((batch) => waitingCard(batch, inputs.suggestion(batch))),
    sharpen: { question: sharpenQuestion(), lines: sharpen },
    candidates,
    form,
    questions: QUESTIONS.map((id) => ({ id, text: questionText(id) })),
    limits: { highlights: MAX_HIGHLIGHTS, answerLines: MAX_ANSWER_LINES, answerLength: MAX_ANSWER_LENGTH, line: MAX_OUTCOME_LENGTH },
    signals: [...inputs.signals],
  };
}

function whereOf(outcome: OutcomeView): string {
  return [outcome.repo ? outcome.repo.name : outcome.source === 'manual' ? l10n.t('added by hand') : undefined, outcome.branch ?? undefined].filter(Boolean).join(' · ');
}

function waitingCard(batch: PendingBatch, suggestion: { text: string; kind: OutcomeKind }): WaitingCard {
  const commits = batch.commits.map((commit) => ({ sha: shortSha(commit.sha), subject: commit.subject }));
  const common = { key: batchKey(batch), commits, value: batch.draft ?? suggestion.text, kind: suggestion.kind };
  if (batch.type === 'branch') {
    const where =
      batch.branch.closedAs === 'squash-merged'
        ? l10n.plural(commits.length, 'squash-merged into {1} · {0} commit · {2}', 'squash-merged into {1} · {0} commits · {2}', String(batch.branch.into), batch.repo.name)
        : l10n.plural(commits.length, 'merged into {1} · {0} commit · {2}', 'merged into {1} · {0} commits · {2}', String(batch.branch.into), batch.repo.name);
    return { ...common, title: l10n.t('Branch {0}', batch.branch.name), where };
  }
  if (commits.length === 1) return { ...common, title: commits[0].subject, where: `${commits[0].sha} · ${batch.repo.name}` };
  return { ...common, title: l10n.plural(commits.length, '{0} commit in {1}', '{0} commits in {1}', batch.repo.name), where: commits.map((commit) => commit.sha).join(' ') };
}

function clock(time: number, timeZone: string): string {
  const local = localTime(time, timeZone);
  return `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}
