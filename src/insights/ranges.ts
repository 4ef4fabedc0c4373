/**
 * The spans Insights looks at, as whole weeks in the user's time zone: the last 12 weeks, this
 * quarter, the last 12 months, or everything. A range is the weeks that overlap it, oldest first,
 * ending with the week in progress. Nothing here knows VS Code.
 */
import * as l10n from '../core/l10n';
import { localTime, previousWeek, startOfLocalDay, weekOf, type Week, type WeekOptions } from '../core/weeks';

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
  const local = localTime(time, timeZone);
  return startOfLocalDay(local.year, Math.floor((local.month - 1) / 3) * 3 + 1, 1, timeZone);
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
