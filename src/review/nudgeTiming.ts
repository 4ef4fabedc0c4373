/**
 * When the weekly review nudge may come, decided from the clock, the user's settings and what the
 * database knows; the VS Code layer only schedules timers and shows the notification.
 *
 * - Once a week, at the moment the user set (Friday 16:00 local time by default; off available),
 *   if the user was active in VS Code that day and the week has no review: one nudge.
 * - Never on a day off or outside working hours (the moment waits for working time that day).
 * - "Later" waits for the next working day on which the user is active.
 * - A moment missed (VS Code closed, a day away) is offered once at the first working start of the
 *   next week, if the user was active in VS Code during the missed week; this week's own moment
 *   takes over once it has come.
 *
 * Every time is read in the user's time zone, so that DST and travel move nothing. Nothing here
 * knows VS Code.
 */
import { calendarIn } from '../core/calendar';
import * as l10n from '../core/l10n';
import { localTime, previousWeek, weekOf, type Week, type WeekOptions } from '../core/weeks';
import type { NudgeRecord } from '../storage/nudges';

/** 0 is Sunday, as `Date#getDay` and `localTime().weekday` count. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** A time of a weekday, in minutes since local midnight. */
export interface WeeklyMoment {
  weekday: Weekday;
  minutes: number;
}

export interface NudgeSettings {
  /** When the nudge comes; null when the user turned it off. */
  moment: WeeklyMoment | null;
  /** The days the user works (a nudge never comes on another). */
  workingDays: ReadonlySet<Weekday>;
  /** Working hours, [start, end) in minutes since local midnight, within one day. */
  workingHours: { start: number; end: number };
  week: WeekOptions;
}

/** The settings as VS Code holds them, not yet checked. */
export interface RawNudgeSettings {
  day: unknown;
  time: unknown;
  workingDays: unknown;
  workingHours: unknown;
}

export const DEFAULT_NUDGE = { day: 'friday', time: '16:00', workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], workingHours: '09:00-18:00' } as const;

const TIME = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/;
const HOURS = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*[-–—]\s*([01]?\d|2[0-4]):([0-5]\d)\s*$/;

/** "16:00" → 960; undefined for anything else. */
export function parseTime(text: unknown): number | undefined {
  const match = typeof text === 'string' ? TIME.exec(text) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** "09:00-18:00" → { start: 540, end: 1080 }; the end may be 24:00; undefined unless start < end. */
export function parseHours(text: unknown): { start: number; end: number } | undefined {
  const match = typeof text === 'string' ? HOURS.exec(text) : null;
  if (!match) return undefined;
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  return end <= 24 * 60 && start < end ? { start, end } : undefined;
}

function weekdayOf(name: unknown): Weekday | undefined {
  const index = typeof name === 'string' ? (WEEKDAY_NAMES as readonly string[]).indexOf(name.trim().toLowerCase()) : -1;
  return index < 0 ? undefined : (index as Weekday);
}

/** The settings checked, each value that cannot be used replaced by its default. */
export function nudgeSettings(raw: RawNudgeSettings, week: WeekOptions): NudgeSettings {
  const off = typeof raw.day === 'string' && raw.day.trim().toLowerCase() === 'off';
  const weekday = weekdayOf(raw.day) ?? weekdayOf(DEFAULT_NUDGE.day)!;
  const minutes = parseTime(raw.time) ?? parseTime(DEFAULT_NUDGE.time)!;
  const listed = Array.isArray(raw.workingDays) ? raw.workingDays.map(weekdayOf).filter((day) => day !== undefined) : [];
  const workingDays = new Set(listed.length > 0 ? listed : DEFAULT_NUDGE.workingDays.map((day) => weekdayOf(day)!));
  return {
    moment: off ? null : { weekday, minutes },
    workingDays,
    workingHours: parseHours(raw.workingHours) ?? parseHours(DEFAULT_NUDGE.workingHours)!,
    week,
  };
}

// ---------------------------------------------------------------------------------------------
// Local time

const DAY_MS = 24 * 60 * 60 * 1000;

/** The local wall-clock reading of `time`, as if it were UTC, to the minute. */
function wallClock(time: number, timeZone: string): number {
  const local = localTime(time, timeZone);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
}

/** How far the zone's clock is ahead of UTC at `time`, to the minute. */
function offsetAt(time: number, timeZone: string): number {
  return wallClock(time, timeZone) - Math.floor(time / 60_000) * 60_000;
}

/**
 * The instant a local clock reads `minutes` past midnight on a calendar day. As Temporal's
 * "compatible" disambiguation: a time that occurs twice (clocks go back) is its first occurrence;
 * a time that does not exist (clocks jump forward) is moved on by the jump (02:30 becomes 03:30).
 */
export function localInstant(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const readsRight = [wall - before, wall - after].filter((instant) => wallClock(instant, timeZone) === wall).sort((a, b) => a - b);
  return readsRight[0] ?? wall - before;
}

/** "2026-11-20": the user's calendar day of `time` (cheap: one cached formatter). */
export function localDay(time: number, timeZone: string): string {
  const local = localTime(time, timeZone);
  return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

/** The instant of this week's nudge moment. */
export function momentOf(week: Week, moment: WeeklyMoment, options: WeekOptions): number {
  const first = localTime(week.start, options.timeZone);
  const offset = (moment.weekday - first.weekday + 7) % 7;
  return localInstant(first.year, first.month, first.day + offset, moment.minutes, options.timeZone);
}

/** Whether `time` falls on a working day, within working hours. */
export function isWorkingTime(time: number, settings: NudgeSettings): boolean {
  const local = localTime(time, settings.week.timeZone);
  const minutes = local.hour * 60 + local.minute;
  return settings.workingDays.has(local.weekday as Weekday) && minutes >= settings.workingHours.start && minutes < settings.workingHours.end;
}

// ---------------------------------------------------------------------------------------------
// The decision


export interface WeekNudgeFacts {
  reviewed: boolean;
  nudge: NudgeRecord | undefined;
}

/** What the database knows, read for the weeks `nudgeWeeks` names. */
export interface NudgeFacts {
  thisWeek: WeekNudgeFacts;
  lastWeek: WeekNudgeFacts;
  /** The user was active in VS Code on the local day of now. */
  activeToday: boolean;
  /** The user was active in VS Code on some day of last week. */
  activeLastWeek: boolean;
}

/** Why a nudge comes: its week's moment, a moment missed last week, or a "Later" come due. */
export type NudgeReason = 'moment' | 'missed' | 'later';

export type NudgeDecision =
  | { type: 'nudge'; week: Week; which: 'this' | 'last'; reason: NudgeReason; laterAnsweredAt?: number }
  | { type: 'none'; why: string };

/** The weeks a decision at `now` is about. */
export function nudgeWeeks(now: number, settings: NudgeSettings): { thisWeek: Week; lastWeek: Week } {
  const thisWeek = weekOf(now, settings.week);
  return { thisWeek, lastWeek: previousWeek(thisWeek, settings.week) };
}

/** Whether to nudge now, and about which week. */
export function decideNudge(now: number, settings: NudgeSettings, facts: NudgeFacts): NudgeDecision {
  if (!settings.moment) return { type: 'none', why: 'the review nudge is off' };
  if (!isWorkingTime(now, settings)) return { type: 'none', why: 'outside working days and hours' };
  if (!facts.activeToday) return { type: 'none', why: 'no activity in VS Code today yet' };
  const { thisWeek, lastWeek } = nudgeWeeks(now, settings);
  const today = localDay(now, settings.week.timeZone);
  const laterDue = (record: NudgeRecord) => record.answer === 'later' && record.answeredAt !== null && localDay(record.answeredAt, settings.week.timeZone) < today;

  if (now >= momentOf(thisWeek, settings.moment, settings.week)) {
    const current = facts.thisWeek;
    if (current.reviewed) return { type: 'none', why: 'this week is reviewed' };
    if (!current.nudge) return { type: 'nudge', week: thisWeek, which: 'this', reason: 'moment' };
    if (laterDue(current.nudge)) return { type: 'nudge', week: thisWeek, which: 'this', reason: 'later', laterAnsweredAt: current.nudge.answeredAt! };
    return { type: 'none', why: `this week's nudge was answered (${current.nudge.answer ?? 'shown'})` };
  }
  // Before this week's moment: last week's review, if its moment was missed or "Later" is due.
  const last = facts.lastWeek;
  if (last.reviewed) return { type: 'none', why: 'last week is reviewed; this week\'s moment has not come' };
  if (!last.nudge) {
    return facts.activeLastWeek
      ? { type: 'nudge', week: lastWeek, which: 'last', reason: 'missed' }
      : { type: 'none', why: 'no activity last week; this week\'s moment has not come' };
  }
  if (laterDue(last.nudge)) return { type: 'nudge', week: lastWeek, which: 'last', reason: 'later', laterAnsweredAt: last.nudge.answeredAt! };
  return { type: 'none', why: 'this week\'s moment has not come' };
}

/**
 * When the decision may next change without the user doing anything: this week's moment, the
 * start of today's working hours, or the next local midnight, whichever comes first. Activity
 * (focus, typing) is a reason to look again too; undefined when the nudge is off.
 */
export function nextCheckAt(now: number, settings: NudgeSettings): number | undefined {
  if (!settings.moment) return undefined;
  const { timeZone } = settings.week;
  const local = localTime(now, timeZone);
  const candidates = [
    momentOf(weekOf(now, settings.week), settings.moment, settings.week),
    localInstant(local.year, local.month, local.day, settings.workingHours.start, timeZone),
    localInstant(local.year, local.month, local.day + 1, 0, timeZone),
  ].filter((instant) => instant > now);
  return Math.min(...candidates);
}

/** What a week holds, in the units of the Weekly Log's rows. */
export interface WeekCounts {
  shipped: number;
  routine: number;
  waiting: number;
}

/** "This week: 3 shipped, 12 routine, 2 waiting. Review it?" */
export function nudgeMessage(which: 'this' | 'last', counts: WeekCounts): string {
  return which === 'this'
    ? l10n.t('This week: {0} shipped, {1} routine, {2} waiting. Review it?', counts.shipped, counts.routine, counts.waiting)
    : l10n.t('Last week: {0} shipped, {1} routine, {2} waiting. Review it?', counts.shipped, counts.routine, counts.waiting);
}

/** For the log: why a nudge came. */
export function describeNudge(decision: Extract<NudgeDecision, { type: 'nudge' }>, timeZone: string): string {
  const week = `the week of ${calendarIn(timeZone).day(decision.week.start)}`;
  switch (decision.reason) {
    case 'moment':
      return `${week}: its moment came`;
    case 'missed':
      return `${week}: its moment was missed, offered once`;
    case 'later':
      return `${week}: "Later" is due on this working day`;
  }
}
