/**
 * The day an outcome added by hand happened (a review, mentoring, an incident): today unless the
 * person says otherwise, so that last week's mentoring shows in last week. Days are read in the
 * person's time zone. Nothing here knows VS Code.
 */
import { calendarIn } from '../core/calendar';
import { InvalidInputError } from '../core/errors';
import * as l10n from '../core/l10n';
import { localTime, startOfLocalDay } from '../core/weeks';
import { dateProblem } from '../core/ranges';

export interface DayChoice {
  /** "2026-11-29" */
  day: string;
  /** "Today", "Yesterday", "Friday" */
  label: string;
  /** "Nov 29" */
  description: string;
}

/** A week back: on a Monday, last Friday is still one pick away. */
const DAYS_OFFERED = 7;
/** "Friday": made at first use, off a short-lived command's start. */
let weekday: Intl.DateTimeFormat | undefined;

/** Today (the default), yesterday, then the days before it by name, newest first. */
export function recentDays(now: number, timeZone: string): DayChoice[] {
  const calendar = calendarIn(timeZone);
  const today = localTime(now, timeZone);
  return Array.from({ length: DAYS_OFFERED }, (_, back) => {
    const start = startOfLocalDay(today.year, today.month, today.day - back, timeZone);
    const label = back === 0 ? l10n.t('Today') : back === 1 ? l10n.t('Yesterday') : (weekday ??= new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long' })).format(Date.UTC(today.year, today.month - 1, today.day - back));
    return { day: calendar.isoDate(start), label, description: calendar.day(start) };
  });
}

/** Why a typed day cannot be the day an outcome happened, or undefined: a real YYYY-MM-DD, today or before. */
export function dayProblem(text: string, now: number, timeZone: string): string | undefined {
  const problem = dateProblem(text);
  if (problem) return problem;
  return text.trim() > calendarIn(timeZone).isoDate(now) ? l10n.t('{0} is still to come: type today or a day before.', text.trim()) : undefined;
}

/** The day a caller names: "today", "yesterday" or YYYY-MM-DD; an InvalidInputError says why not otherwise. */
export function namedDay(name: string, now: number, timeZone: string): string {
  const [today, yesterday] = recentDays(now, timeZone);
  if (name === 'today') return today.day;
  if (name === 'yesterday') return yesterday.day;
  const problem = dayProblem(name, now, timeZone);
  if (problem) throw new InvalidInputError(problem);
  return name.trim();
}

/**
 * When an outcome of `day` (YYYY-MM-DD) happened: now for today, otherwise the middle of that day
 * in `timeZone`, which keeps it in that day's week whatever a clock change does to its hours.
 */
export function happenedAtOf(day: string, now: number, timeZone: string): number {
  if (day === calendarIn(timeZone).isoDate(now)) return now;
  const [year, month, date] = day.split('-').map(Number);
  const start = startOfLocalDay(year, month, date, timeZone);
  return start + Math.floor((startOfLocalDay(year, month, date + 1, timeZone) - start) / 2);
}
