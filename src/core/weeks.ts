/**
 * Calendar weeks in the user's time zone, for grouping the log. Every function takes the time
 * zone explicitly (an IANA name), so that results do not depend on the machine running them.
 * Nothing here knows VS Code.
 */
import * as l10n from './l10n';

export type WeekStart = 'monday' | 'sunday';

export interface WeekOptions {
  weekStart: WeekStart;
  timeZone: string;
}

/** One calendar week: [start, end) in ms since the epoch, from local midnight to local midnight. */
export interface Week {
  start: number;
  end: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of `time` in `timeZone`. */
export function localTime(time: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(time)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far `timeZone`'s clock is ahead of UTC at `time`, in ms. */
function offsetAt(time: number, timeZone: string): number {
  const local = localTime(time, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(time / 1000) * 1000;
}

/**
 * The instant of local midnight starting a calendar day (month 1–12; out-of-range days roll over
 * like Date.UTC). Where a time-zone change skips midnight, the first instant of the day.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - offsetAt(wall, timeZone);
  const corrected = wall - offsetAt(instant, timeZone);
  if (corrected !== instant) instant = Math.min(instant, corrected);
  // A midnight that does not exist (clocks jump from 23:59 to 01:00) lands on the previous day.
  const reached = localTime(instant, timeZone);
  if (reached.day !== new Date(wall).getUTCDate()) instant += 60 * 60 * 1000;
  return instant;
}

/** The week containing `time`. */
export function weekOf(time: number, options: WeekOptions): Week {
  const local = localTime(time, options.timeZone);
  const firstDay = options.weekStart === 'monday' ? 1 : 0;
  const back = (local.weekday - firstDay + 7) % 7;
  const start = startOfLocalDay(local.year, local.month, local.day - back, options.timeZone);
  const end = startOfLocalDay(local.year, local.month, local.day - back + 7, options.timeZone);
  return { start, end };
}

/** The week just before `week`. */
export function previousWeek(week: Week, options: WeekOptions): Week {
  return weekOf(week.start - DAY_MS / 2, options);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "This week", "Last week", "Nov 3 – 9", "Oct 27 – Nov 2", or with years when not this year. */
export function weekLabel(week: Week, now: number, options: WeekOptions): string {
  const current = weekOf(now, options);
  if (week.start === current.start) return l10n.t('This week');
  if (week.start === previousWeek(current, options).start) return l10n.t('Last week');
  return weekRange(week, now, options);
}

/** The dates a week spans, e.g. "Nov 3 – 9"; with the year when not this year, or always with `alwaysWithYear`. */
export function weekRange(week: Week, now: number, options: WeekOptions, alwaysWithYear = false): string {
  const first = localTime(week.start, options.timeZone);
  const last = localTime(week.end - DAY_MS / 2, options.timeZone);
  const thisYear = localTime(now, options.timeZone).year;
  const withYear = alwaysWithYear || first.year !== thisYear || last.year !== thisYear;
  const firstText = `${MONTHS[first.month - 1]} ${first.day}${withYear && first.year !== last.year ? `, ${first.year}` : ''}`;
  const lastText = first.month === last.month && first.year === last.year ? `${last.day}` : `${MONTHS[last.month - 1]} ${last.day}`;
  return `${firstText} – ${lastText}${withYear ? `, ${last.year}` : ''}`;
}
