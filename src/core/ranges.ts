/**
 * Every span of time Progress Log names, in the user's time zone, in one place: the ranges the
 * exports offer ([from, to) in ms since the epoch), the spans Insights looks at (whole weeks), the
 * calendar quarters goals count in, and the one check of a typed day (YYYY-MM-DD, a real calendar
 * day). Nothing here knows VS Code.
 */
import * as l10n from './l10n';
import { localTime, previousWeek, startOfLocalDay, weekOf, type Week, type WeekOptions } from './weeks';

export interface DateRange {
  from: number;
  to: number;
}

export type OneOnOneRange = 'sinceLastExport' | 'thisWeek' | 'lastWeek' | 'lastTwoWeeks' | 'thisMonth' | 'lastQuarter';
export type ReviewRange = 'thisQuarter' | 'lastQuarter' | 'thisHalf' | 'lastHalf';

function monthsBack(now: number, timeZone: string, span: number, align: number, periodsBack: number): DateRange {
  const local = localTime(now, timeZone);
  const firstMonth = Math.floor((local.month - 1) / align) * align + 1 - periodsBack * span;
  return {
    from: startOfLocalDay(local.year, firstMonth, 1, timeZone),
    to: startOfLocalDay(local.year, firstMonth + span, 1, timeZone),
  };
}

/** A named 1:1 range. `sinceLastExport` needs the time of the last 1:1 export. */
export function oneOnOneRange(name: OneOnOneRange, now: number, options: WeekOptions, lastExport?: number): DateRange {
  const thisWeek = weekOf(now, options);
  switch (name) {
    case 'sinceLastExport':
      return { from: lastExport ?? thisWeek.start, to: now + 1 };
    case 'thisWeek':
      return { from: thisWeek.start, to: thisWeek.end };
    case 'lastWeek': {
      const last = previousWeek(thisWeek, options);
      return { from: last.start, to: last.end };
    }
    case 'lastTwoWeeks':
      return { from: previousWeek(previousWeek(thisWeek, options), options).start, to: previousWeek(thisWeek, options).end };
    case 'thisMonth':
      return monthsBack(now, options.timeZone, 1, 1, 0);
    case 'lastQuarter':
      return monthsBack(now, options.timeZone, 3, 3, 1);
  }
}

/** A named review range: calendar quarters and half-years. */
export function reviewRange(name: ReviewRange, now: number, timeZone: string): DateRange {
  switch (name) {
    case 'thisQuarter':
      return monthsBack(now, timeZone, 3, 3, 0);
    case 'lastQuarter':
      return monthsBack(now, timeZone, 3, 3, 1);
    case 'thisHalf':
      return monthsBack(now, timeZone, 6, 6, 0);
    case 'lastHalf':
      return monthsBack(now, timeZone, 6, 6, 1);
  }
}

/** A day typed as YYYY-MM-DD that is a real calendar day, as numbers; undefined otherwise. */
export function calendarDay(text: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : undefined;
}

/** Whether a text is written as a day (YYYY-MM-DD), real or not: a day that is not, is named as such. */
function writtenAsDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

/**
 * Why a typed day cannot be used, or undefined: not written YYYY-MM-DD (`format` says how to write
 * it), or not a day on the calendar.
 */
export function dayProblem(text: string, format: () => string): string | undefined {
  if (!writtenAsDay(text)) return format();
  return calendarDay(text) ? undefined : l10n.t('{0} is not a day on the calendar.', text.trim());
}

/** Why a typed date cannot be used, or undefined. Dates are YYYY-MM-DD, real calendar days. */
export function dateProblem(text: string): string | undefined {
  return dayProblem(text, () => l10n.t('Type a date as YYYY-MM-DD, for example 2026-11-02.'));
}

/** Why a last day cannot end a range that starts on `fromText`, or undefined. Both are valid dates. */
export function lastDayProblem(fromText: string, toText: string): string | undefined {
  return toText.trim() < fromText.trim() ? l10n.t('The last day comes before {0}.', fromText.trim()) : undefined;
}

/** The range from the first to the last day typed, both included. */
export function customRange(fromText: string, toText: string, timeZone: string): DateRange {
  const [fromYear, fromMonth, fromDay] = fromText.trim().split('-').map(Number);
  const [toYear, toMonth, toDay] = toText.trim().split('-').map(Number);
  return { from: startOfLocalDay(fromYear, fromMonth, fromDay, timeZone), to: startOfLocalDay(toYear, toMonth, toDay + 1, timeZone) };
}

export const INSIGHT_RANGES = ['last12Weeks', 'thisQuarter', 'last12Months', 'all'] as const;
export type InsightRangeKey = (typeof INSIGHT_RANGES)[number];

const RANGE_LABELS: Readonly<Record<InsightRangeKey, () => string>> = {
  last12Weeks: () => l10n.t('Last 12 weeks'),
  thisQuarter: () => l10n.t('This quarter'),
  last12Months: () => l10n.t('Last 12 months'),
  all: () => l10n.t('All time'),
};

/** How the panel names a range: "Last 12 weeks", in the user's language. */
export function rangeLabel(range: InsightRangeKey): string {
  return RANGE_LABELS[range]();
}

export function isInsightRange(value: unknown): value is InsightRangeKey {
  return typeof value === 'string' && (INSIGHT_RANGES as readonly string[]).includes(value);
}

/**
 * The week after `week`: it starts where `week` ends and ends seven local days later (DST
 * included). Reading one day's wall clock, not finding the week again: ranges of years add up.
 */
export function nextWeek(week: Week, options: WeekOptions): Week {
  const first = localTime(week.end, options.timeZone);
  return { start: week.end, end: startOfLocalDay(first.year, first.month, first.day + 7, options.timeZone) };
}

/** Every week from the one holding `from` to the one holding `to`, oldest first. */
export function weeksBetween(from: number, to: number, options: WeekOptions): Week[] {
  const last = weekOf(to, options);
  const weeks: Week[] = [];
  for (let week = weekOf(Math.min(from, to), options); week.start <= last.start; week = nextWeek(week, options)) weeks.push(week);
  return weeks;
}

/** Whole weeks between two week starts: exact across DST, where a week is 167 or 169 hours long. */
export function weeksApart(earlierStart: number, laterStart: number): number {
  return Math.round((laterStart - earlierStart) / (7 * 24 * 60 * 60 * 1000));
}

/** The first instant of the calendar quarter holding `time`. */
export function quarterStart(time: number, timeZone: string): number {
  return reviewRange('thisQuarter', time, timeZone).from;
}

/** The `count` weeks that end with the week holding `time`, oldest first. */
export function lastWeeks(count: number, time: number, options: WeekOptions): Week[] {
  const weeks = [weekOf(time, options)];
  while (weeks.length < count) weeks.unshift(previousWeek(weeks[0], options));
  return weeks;
}

/**
 * The weeks of a range at `now`. `firstActivity` (the earliest thing logged) bounds "all time";
 * an empty log has this week alone.
 */
export function rangeWeeks(range: InsightRangeKey, now: number, options: WeekOptions, firstActivity?: number): Week[] {
  const local = localTime(now, options.timeZone);
  switch (range) {
    case 'last12Weeks':
      return lastWeeks(12, now, options);
    case 'thisQuarter':
      return weeksBetween(quarterStart(now, options.timeZone), now, options);
    case 'last12Months':
      return weeksBetween(startOfLocalDay(local.year - 1, local.month, local.day + 1, options.timeZone), now, options);
    case 'all':
      return weeksBetween(firstActivity ?? now, now, options);
  }
}
