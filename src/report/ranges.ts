/**
 * The date ranges the export offers, in the user's time zone: [from, to) in ms since the epoch.
 * Nothing here knows VS Code.
 */
import * as l10n from '../core/l10n';
import { localTime, previousWeek, startOfLocalDay, weekOf, type WeekOptions } from '../core/weeks';

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

/** Why a typed date cannot be used, or undefined. Dates are YYYY-MM-DD, real calendar days. */
export function dateProblem(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return l10n.t('Type a date as YYYY-MM-DD, for example 2026-11-02.');
  const [year, month, day] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return l10n.t('{0} is not a day on the calendar.', text.trim());
  }
  return undefined;
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
