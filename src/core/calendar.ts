/**
 * Days and months of a span of time as a person in one time zone reads them, in en-US, so that the
 * same instants give the same words on any machine. Wall-clock readings come from weeks.ts.
 * Nothing here knows VS Code.
 */
import { localTime } from './weeks';

/** [from, to) in ms since the epoch. */
export interface TimeSpan {
  from: number;
  to: number;
}

/** Dates in one time zone. */
export interface ZonedCalendar {
  /** "Nov 3" */
  day(time: number): string;
  /** "Nov 3, 2026" */
  dayWithYear(time: number): string;
  /** "2026-11-03" */
  isoDate(time: number): string;
  /** "2026-11" */
  monthKey(time: number): string;
  /** "2026-11" → "November 2026" */
  monthLabel(key: string): string;
}

/** One calendar per time zone: its formatters are made once, not for every date shown (thousands in an export or a week). */
const calendars = new Map<string, ZonedCalendar>();

export function calendarIn(timeZone: string): ZonedCalendar {
  let calendar = calendars.get(timeZone);
  if (!calendar) {
    calendar = makeCalendar(timeZone);
    calendars.set(timeZone, calendar);
  }
  return calendar;
}

function makeCalendar(timeZone: string): ZonedCalendar {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' });
  const dayWithYear = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' });
  // A month's name does not depend on the zone: the key already placed the instant in it.
  const month = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const isoDate = (time: number): string => {
    const local = localTime(time, timeZone);
    return `${local.year}-${twoDigits(local.month)}-${twoDigits(local.day)}`;
  };
  return {
    day: (time) => day.format(time),
    dayWithYear: (time) => dayWithYear.format(time),
    isoDate,
    monthKey: (time) => isoDate(time).slice(0, 7),
    monthLabel: (key) => {
      const [year, monthNumber] = key.split('-').map(Number);
      return month.format(Date.UTC(year, monthNumber - 1, 1));
    },
  };
}

/** The last instant in [from, to); `from` itself when the span is empty. */
export function lastInstant(span: TimeSpan): number {
  return Math.max(span.from, span.to - 1);
}

/** The first and last local day of a span, "2026-11-02" and "2026-11-08": what a file name says. */
export function localDays(span: TimeSpan, timeZone: string): { first: string; last: string } {
  const calendar = calendarIn(timeZone);
  return { first: calendar.isoDate(span.from), last: calendar.isoDate(lastInstant(span)) };
}

/** The first and last day of the span ("Nov 3", "Nov 9, 2026"), or one day when they are the same. */
export function spanDays(span: TimeSpan, calendar: ZonedCalendar): string[] {
  const last = lastInstant(span);
  if (calendar.isoDate(span.from) === calendar.isoDate(last)) return [calendar.dayWithYear(span.from)];
  const sameYear = calendar.isoDate(span.from).slice(0, 4) === calendar.isoDate(last).slice(0, 4);
  return [sameYear ? calendar.day(span.from) : calendar.dayWithYear(span.from), calendar.dayWithYear(last)];
}

/** "2026-07", "2026-08", … for each month the span touches in the calendar's time zone. */
export function monthKeysBetween(span: TimeSpan, calendar: ZonedCalendar): string[] {
  const [firstYear, firstMonth] = calendar.monthKey(span.from).split('-').map(Number);
  const [lastYear, lastMonth] = calendar.monthKey(lastInstant(span)).split('-').map(Number);
  const keys: string[] = [];
  for (let index = firstYear * 12 + firstMonth - 1; index <= lastYear * 12 + lastMonth - 1; index++) {
    keys.push(`${Math.floor(index / 12)}-${twoDigits((index % 12) + 1)}`);
  }
  return keys;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
