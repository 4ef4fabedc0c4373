/**
 * What a review counts: totals per kind, per repository, per goal (and month), and the outcomes of
 * each month. Every format of a review shows these same numbers.
 */
import { calendarIn, monthKeysBetween } from '../core/calendar';
import type { ReportData, ReportGoal, ReportOutcome, ReportRepository } from './model';

export interface ReviewTotals {
  impact: number;
  routine: number;
  unnamedRoutineCommits: number;
}

export interface RepositoryTotals extends ReviewTotals {
  repository: ReportRepository | null;
}

export interface MonthOfOutcomes {
  /** "2026-07" */
  key: string;
  /** "July 2026" */
  label: string;
  impact: ReportOutcome[];
  routine: ReportOutcome[];
}

/** Counts top-level outcomes: a branch and the outcomes of its commits are one piece of work. */
export function reviewTotals(data: ReportData): ReviewTotals {
  return {
    impact: data.impact.length,
    routine: data.routine.length,
    unnamedRoutineCommits: data.unnamedRoutine.reduce((sum, summary) => sum + summary.commitCount, 0),
  };
}

/** By repository name; outcomes without a repository (added by hand) last. */
export function totalsByRepository(data: ReportData): RepositoryTotals[] {
  const byRoot = new Map<string | null, RepositoryTotals>();
  const totalsOf = (repository: ReportRepository | null): RepositoryTotals => {
    const key = repository?.root ?? null;
    let totals = byRoot.get(key);
    if (!totals) {
      totals = { repository, impact: 0, routine: 0, unnamedRoutineCommits: 0 };
      byRoot.set(key, totals);
    }
    return totals;
  };
  for (const outcome of data.impact) totalsOf(outcome.repository).impact += 1;
  for (const outcome of data.routine) totalsOf(outcome.repository).routine += 1;
  for (const summary of data.unnamedRoutine) totalsOf(summary.repository).unnamedRoutineCommits += summary.commitCount;
  return [...byRoot.values()].sort(byRepositoryName);
}

function byRepositoryName(a: RepositoryTotals, b: RepositoryTotals): number {
  if (!a.repository || !b.repository) return (a.repository ? 0 : 1) - (b.repository ? 0 : 1);
  return a.repository.name.localeCompare(b.repository.name, 'en-US') || a.repository.root.localeCompare(b.repository.root, 'en-US');
}

/**
 * Every month of the range, oldest first, with its outcomes oldest first: a review reads as the
 * story of the period. A month outside the range still appears, so that no outcome goes missing.
 */
export function outcomesByMonth(data: ReportData): MonthOfOutcomes[] {
  const calendar = calendarIn(data.timeZone);
  const months = new Map<string, MonthOfOutcomes>();
  const month = (key: string): MonthOfOutcomes => {
    let found = months.get(key);
    if (!found) {
      found = { key, label: calendar.monthLabel(key), impact: [], routine: [] };
      months.set(key, found);
    }
    return found;
  };
  for (const key of monthKeysBetween(data.range, calendar)) month(key);
  for (const outcome of oldestFirst(data.impact)) month(calendar.monthKey(outcome.happenedAt)).impact.push(outcome);
  for (const outcome of oldestFirst(data.routine)) month(calendar.monthKey(outcome.happenedAt)).routine.push(outcome);
  return [...months.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function oldestFirst(outcomes: readonly ReportOutcome[]): ReportOutcome[] {
  return [...outcomes].sort((a, b) => a.happenedAt - b.happenedAt);
}

/** One goal's part of a review; `goal` null gathers the outcomes not tied to a goal. */
export interface GoalTotals {
  goal: ReportGoal | null;
  impact: number;
  routine: number;
  /** Every month of the range, oldest first: the goal's top-level outcomes of both kinds. */
  months: { key: string; label: string; count: number }[];
  /** Its top-level outcomes, oldest first. */
  outcomes: ReportOutcome[];
}

/**
 * The review by goal: each goal of the range in the user's order (active ones even when they did
 * not move: that is worth seeing), then the outcomes not tied to a goal, if any. A branch and the
 * outcomes of its commits count once, for the branch's goal. Empty when the user keeps no goals.
 */
export function totalsByGoal(data: ReportData): GoalTotals[] {
  if (!data.goals?.length) return [];
  const calendar = calendarIn(data.timeZone);
  const monthKeys = outcomesByMonth(data).map((month) => ({ key: month.key, label: month.label }));
  const byGoal = new Map<string | null, GoalTotals>();
  const totalsOf = (goal: ReportGoal | null): GoalTotals => {
    let totals = byGoal.get(goal?.id ?? null);
    if (!totals) {
      totals = { goal, impact: 0, routine: 0, months: monthKeys.map((month) => ({ ...month, count: 0 })), outcomes: [] };
      byGoal.set(goal?.id ?? null, totals);
    }
    return totals;
  };
  for (const goal of data.goals) totalsOf(goal);
  for (const outcome of oldestFirst([...data.impact, ...data.routine])) {
    const totals = totalsOf(outcome.goal ?? null);
    totals[outcome.kind] += 1;
    totals.outcomes.push(outcome);
    const key = calendar.monthKey(outcome.happenedAt);
    const month = totals.months.find((candidate) => candidate.key === key);
    if (month) month.count += 1;
  }
  const untied = byGoal.get(null);
  byGoal.delete(null);
  return [...byGoal.values(), ...(untied ? [untied] : [])];
}
