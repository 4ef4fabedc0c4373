/**
 * The goals as the Goals view shows them: active goals with how each moved this week and this
 * quarter, closed ones apart, and this week's outcomes no goal claims; and the words that describe
 * a goal's progress ("2 this week · 5 this quarter · last progress Oct 12", "no progress for
 * 4 weeks"). Dates follow the user's time zone. Nothing here knows VS Code.
 */
import { calendarIn } from '../core/calendar';
import type { Goal, Outcome, OutcomeView } from '../core/domain';
import * as l10n from '../core/l10n';
import { weekOf, type Week, type WeekOptions } from '../core/weeks';
import { reviewRange, type DateRange } from '../core/ranges';
import type { GoalProgress, Store } from '../storage/store';
import { ADVISED_MAX_ACTIVE_GOALS, STALLED_AFTER_MS } from './goalRules';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export class GoalsOverview {
  constructor(
    private readonly store: Store,
    private readonly options: () => WeekOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** This week and this quarter in the user's calendar: the two spans each goal is counted in. */
  spans(): { week: Week; quarter: DateRange } {
    const now = this.now();
    const options = this.options();
    return { week: weekOf(now, options), quarter: reviewRange('thisQuarter', now, options.timeZone) };
  }

  /** Active goals, in the order they were added, with how each moved. */
  active(): GoalProgress[] {
    const { week, quarter } = this.spans();
    return this.store.goals.progress({ from: week.start, to: week.end }, quarter, ['active']);
  }

  /** Completed and dropped goals, completed first. */
  closed(): GoalProgress[] {
    const { week, quarter } = this.spans();
    return this.store.goals.progress({ from: week.start, to: week.end }, quarter, ['completed', 'dropped']);
  }

  /** A goal's outcomes, newest first. */
  outcomesOf(goalId: string): Outcome[] {
    return this.store.goals.outcomesOf(goalId);
  }

  /** This week's top-level outcomes that no goal claims, newest first. Being untied is fine. */
  untiedThisWeek(): OutcomeView[] {
    const { week } = this.spans();
    return this.store.log.outcomesWithChildren(week.start, week.end).filter((outcome) => outcome.goalId === null);
  }

  /** Whether no goal was ever set: the view shows its welcome until then. */
  isEmpty(): boolean {
    return this.store.goals.list().length === 0;
  }
}

/** Whether an active goal has gone three weeks without an outcome (counted from when it was set, if it never moved). */
export function isStalled(progress: GoalProgress, now: number): boolean {
  return progress.goal.status === 'active' && now - (progress.lastProgressAt ?? progress.goal.createdAt) >= STALLED_AFTER_MS;
}

/** Whole weeks since the goal last moved (or was set). */
function weeksStill(progress: GoalProgress, now: number): number {
  return Math.floor((now - (progress.lastProgressAt ?? progress.goal.createdAt)) / WEEK_MS);
}

/** "Oct 12", or "Oct 12, 2025" when not this year. */
function dayText(time: number, now: number, timeZone: string): string {
  const calendar = calendarIn(timeZone);
  return calendar.isoDate(time).slice(0, 4) === calendar.isoDate(now).slice(0, 4) ? calendar.day(time) : calendar.dayWithYear(time);
}

/** A target day ("2027-03-31") as people read it: "Mar 31", or "Mar 31, 2027" when not this year. */
function targetDayText(targetDay: string, now: number, timeZone: string): string {
  const [year, month, day] = targetDay.split('-').map(Number);
  const utc = calendarIn('UTC');
  const time = Date.UTC(year, month - 1, day, 12);
  return String(year) === calendarIn(timeZone).isoDate(now).slice(0, 4) ? utc.day(time) : utc.dayWithYear(time);
}

/** Whether the target day is already behind us in the user's calendar. */
function targetPassed(targetDay: string, now: number, timeZone: string): boolean {
  return calendarIn(timeZone).isoDate(now) > targetDay;
}

/**
 * Beside the goal's title, short enough for a narrow sidebar: "last progress Oct 12", "no outcomes
 * yet", "no progress for 4 weeks"; closed, "completed Nov 3".
 */
export function goalDescription(progress: GoalProgress, now: number, timeZone: string): string {
  const { goal, lastProgressAt } = progress;
  if (goal.status !== 'active') {
    if (goal.closedAt === null) return goal.status === 'completed' ? l10n.t('completed') : l10n.t('dropped');
    const day = dayText(goal.closedAt, now, timeZone);
    return goal.status === 'completed' ? l10n.t('completed {0}', day) : l10n.t('dropped {0}', day);
  }
  if (isStalled(progress, now)) return l10n.plural(weeksStill(progress, now), 'no progress for {0} week', 'no progress for {0} weeks');
  return lastProgressAt === null ? l10n.t('no outcomes yet') : l10n.t('last progress {0}', dayText(lastProgressAt, now, timeZone));
}

/** "2 this week · 5 this quarter", or undefined before the goal's first outcome. */
export function goalCountsText(progress: GoalProgress): string | undefined {
  return progress.lastProgressAt === null ? undefined : l10n.t('{0} this week · {1} this quarter', progress.inWeek, progress.inQuarter);
}

/** "Target Mar 31, 2027", "Target Nov 17 passed" for an active goal behind its day; undefined without one. */
export function goalTargetText(goal: Goal, now: number, timeZone: string): string | undefined {
  if (!goal.targetDay) return undefined;
  const day = targetDayText(goal.targetDay, now, timeZone);
  return goal.status === 'active' && targetPassed(goal.targetDay, now, timeZone) ? l10n.t('Target {0} passed', day) : l10n.t('Target {0}', day);
}

/** The goal in full, one sentence a line, for its tooltip. */
export function goalDetails(progress: GoalProgress, now: number, timeZone: string): string[] {
  const { goal, inWeek, inQuarter, lastProgressAt } = progress;
  const lines = [goal.title];
  if (goal.why) lines.push(l10n.t('Why it matters: {0}', goal.why));
  if (goal.targetDay) {
    const day = targetDayText(goal.targetDay, now, timeZone);
    lines.push(goal.status === 'active' && targetPassed(goal.targetDay, now, timeZone) ? l10n.t('Target: {0} (passed)', day) : l10n.t('Target: {0}', day));
  }
  if (goal.status !== 'active' && goal.closedAt !== null) {
    const day = dayText(goal.closedAt, now, timeZone);
    lines.push(goal.status === 'completed' ? l10n.t('Completed {0}. Restore it to work on it again.', day) : l10n.t('Dropped {0}. Restore it to work on it again.', day));
  }
  lines.push(l10n.plural(inWeek, '{0} outcome this week, {1} this quarter.', '{0} outcomes this week, {1} this quarter.', inQuarter));
  lines.push(lastProgressAt === null ? l10n.t('No outcome linked yet.') : l10n.t('Last progress {0}.', dayText(lastProgressAt, now, timeZone)));
  if (isStalled(progress, now)) {
    lines.push(l10n.plural(weeksStill(progress, now), 'No outcome for {0} week: still a goal? Link what moved it, or complete or drop it.', 'No outcome for {0} weeks: still a goal? Link what moved it, or complete or drop it.'));
  }
  return lines;
}

/** Said once, when the active goals first go past the advice; never a reason to refuse one. */
export function focusAdvice(activeCount: number): string | undefined {
  if (activeCount <= ADVISED_MAX_ACTIVE_GOALS) return undefined;
  return l10n.t('You now have {0} active goals. Three to five is the advice: focus beats a long list. Complete or drop one when it no longer leads (Progress Log says this once).', activeCount);
}

/** For logs and messages: “Faster checkout”. */
export function goalName(goal: Pick<Goal, 'title'>): string {
  return l10n.t('“{0}”', goal.title);
}
