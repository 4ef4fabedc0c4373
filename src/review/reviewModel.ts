/**
 * What the review panel shows for one week, as plain data the page renders (the model of
 * ./messages.ts): the week at a glance (with outcomes by goal and the goals that did not move),
 * work still waiting for a name, lines that read like activity, the honest questions and the
 * highlights. Built from what the store holds; nothing here knows VS Code.
 */
import { calendarIn } from '../core/calendar';
import type { Goal, OutcomeKind, OutcomeView, PendingBatch, PlanItem } from '../core/domain';
import { suggestReach } from '../core/reach';
import { MAX_PLAN_ITEMS } from '../core/planRules';
import * as l10n from '../core/l10n';
import { MAX_OUTCOME_LENGTH } from '../core/outcomeLine';
import { shortSha } from '../core/text';
import { localTime, type Week } from '../core/weeks';
import { batchKey } from '../naming/naming';
import { MAX_ANSWER_LENGTH, MAX_ANSWER_LINES, MAX_HIGHLIGHTS, questionText, QUESTIONS } from '../core/reviewAnswers';
import type { GoalCard, OutcomeCard, PlanCard, ReviewForm, ReviewModel, SharpenCard, WaitingCard } from './messages';
import { describeShape } from '../naming/activity';
import { activityOfLine, sharpenQuestion } from './sharpen';

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
  suggestion(batch: PendingBatch): { text: string; kind: OutcomeKind; goalId: string | null };
  signals: string[];
  /** This week's plan, the next week's, and how the plans of the last weeks landed. */
  plan?: { thisWeek: PlanItem[]; nextWeek: PlanItem[]; nextWeekLabel: string; recent: { landed: number; planned: number; weeks: number } | undefined };
}

export function buildReviewModel(inputs: ReviewInputs): ReviewModel {
  const calendar = calendarIn(inputs.timeZone);
  const goalTitles = new Map(inputs.goals.map((goal) => [goal.id, goal.title]));
  const goalsById = new Map(inputs.goals.map((goal) => [goal.id, goal]));
  /** Who a shipped outcome reached, or, while nobody said, who its words (or its goal's) suggest. */
  const reachOf = (outcome: OutcomeView): Pick<OutcomeCard, 'reach' | 'suggestedReach'> => {
    if (outcome.kind !== 'impact') return {};
    if (outcome.reach) return { reach: outcome.reach };
    const suggested = suggestReach(outcome.text, outcome.goalId ? goalsById.get(outcome.goalId) : undefined);
    return suggested ? { suggestedReach: suggested.reach } : {};
  };
  const card = (outcome: OutcomeView): OutcomeCard => ({
    id: outcome.id,
    text: outcome.text,
    kind: outcome.kind,
    where: whereOf(outcome),
    goal: outcome.goalId ? (goalTitles.get(outcome.goalId) ?? null) : null,
    ...(outcome.first ? { first: true } : {}),
    ...reachOf(outcome),
  });
  const texts = new Map([...inputs.contents.impact, ...inputs.contents.routine].map((view) => [view.id, view.text]));
  const planCard = (item: PlanItem): PlanCard => ({
    id: item.id,
    text: item.text,
    state: item.state,
    goal: item.goalId ? (goalTitles.get(item.goalId) ?? null) : null,
    dueDay: item.dueDay,
    landedAs: item.outcomeId ? (texts.get(item.outcomeId) ?? null) : null,
  });
  const recent = inputs.plan?.recent;
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
      const shape = activityOfLine(outcome);
      if (shape !== undefined) sharpen.push({ id: outcome.id, text: outcome.text, why: describeShape(shape), where: whereOf(outcome) });
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
    plan: {
      thisWeek: (inputs.plan?.thisWeek ?? []).map(planCard),
      nextWeek: (inputs.plan?.nextWeek ?? []).filter((item) => item.state !== 'dropped').map(planCard),
      nextWeekLabel: inputs.plan?.nextWeekLabel ?? '',
      goals: inputs.goals.filter((goal) => goal.status === 'active').map((goal) => ({ id: goal.id, title: goal.title })),
      max: MAX_PLAN_ITEMS,
      doneRate: recent && recent.planned > 0 ? l10n.plural(recent.weeks, '{1} of {2} planned outcomes landed in the last week', '{1} of {2} planned outcomes landed over the last {0} weeks', recent.landed, recent.planned) : null,
    },
    firstsQuestion: l10n.t('Anything you did for the first time? A new area, a first talk, leading for the first time.'),
  };
}

function whereOf(outcome: OutcomeView): string {
  return [outcome.repo ? outcome.repo.name : outcome.source === 'manual' ? l10n.t('added by hand') : undefined, outcome.branch ?? undefined].filter(Boolean).join(' · ');
}

function waitingCard(batch: PendingBatch, suggestion: { text: string; kind: OutcomeKind; goalId: string | null }): WaitingCard {
  const commits = batch.commits.map((commit) => ({ sha: shortSha(commit.sha), subject: commit.subject }));
  const common = { key: batchKey(batch), commits, value: batch.draft ?? suggestion.text, kind: suggestion.kind, goalId: suggestion.goalId };
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
