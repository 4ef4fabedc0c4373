import * as assert from 'node:assert/strict';
import type { WeekOptions } from '../../src/core/weeks';
import {
  decideNudge,
  isWorkingTime,
  localInstant,
  momentOf,
  nextCheckAt,
  nudgeMessage,
  nudgeSettings,
  nudgeWeeks,
  type NudgeDecision,
  type NudgeFacts,
  type RawNudgeSettings,
} from '../../src/review/nudgeTiming';
import { weekOf } from '../../src/core/weeks';
import type { NudgeRecord } from '../../src/storage/nudges';

const at = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();

const DEFAULTS: RawNudgeSettings = { day: 'friday', time: '16:00', workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], workingHours: '09:00-18:00' };

function settings(timeZone: string, raw: Partial<RawNudgeSettings> = {}, weekStart: WeekOptions['weekStart'] = 'monday') {
  return nudgeSettings({ ...DEFAULTS, ...raw }, { weekStart, timeZone });
}

/** Nothing reviewed, nothing nudged, active today, not last week: unless a test says otherwise. */
function facts(change: Partial<NudgeFacts> = {}): NudgeFacts {
  return { thisWeek: { reviewed: false, nudge: undefined }, lastWeek: { reviewed: false, nudge: undefined }, activeToday: true, activeLastWeek: false, ...change };
}

function nudged(decision: NudgeDecision): { which: string; reason: string; week: string } | string {
  return decision.type === 'nudge' ? { which: decision.which, reason: decision.reason, week: iso(decision.week.start) } : decision.why;
}

const later = (answeredAt: number): NudgeRecord => ({ claimedAt: answeredAt - 60_000, answer: 'later', answeredAt });

suite('the review nudge: when it comes', () => {
  // Friday 2026-11-20; Berlin is on CET (UTC+1), so 16:00 there is 15:00 UTC.
  const berlin = settings('Europe/Berlin');
  const thisWeekInBerlin = '2026-11-15T23:00:00.000Z'; // Monday Nov 16, 00:00 CET

  test('at Friday 16:00 local time, when the user was active that day, the week is nudged once', () => {
    assert.equal(nudged(decideNudge(at('2026-11-20T14:59:00Z'), berlin, facts())), 'no activity last week; this week\'s moment has not come');
    assert.deepEqual(nudged(decideNudge(at('2026-11-20T15:00:00Z'), berlin, facts())), { which: 'this', reason: 'moment', week: thisWeekInBerlin });
  });

  test('not when the user was not active in VS Code that day', () => {
    assert.equal(nudged(decideNudge(at('2026-11-20T15:30:00Z'), berlin, facts({ activeToday: false }))), 'no activity in VS Code today yet');
  });

  test('not when the week was reviewed, nor once it was nudged and answered', () => {
    assert.equal(nudged(decideNudge(at('2026-11-20T15:30:00Z'), berlin, facts({ thisWeek: { reviewed: true, nudge: undefined } }))), 'this week is reviewed');
    const shown: NudgeRecord = { claimedAt: at('2026-11-20T15:00:00Z'), answer: null, answeredAt: null };
    assert.match(nudged(decideNudge(at('2026-11-20T15:30:00Z'), berlin, facts({ thisWeek: { reviewed: false, nudge: shown } }))) as string, /answered \(shown\)/);
    const dismissed: NudgeRecord = { ...shown, answer: 'dismissed', answeredAt: at('2026-11-20T15:01:00Z') };
    assert.match(nudged(decideNudge(at('2026-11-23T09:30:00Z'), berlin, facts({ lastWeek: { reviewed: false, nudge: dismissed }, activeLastWeek: true }))) as string, /moment has not come/);
  });

  test('the same local moment is a different instant in Tokyo, Berlin and Los Angeles', () => {
    const moment = { weekday: 5, minutes: 16 * 60 } as const;
    const friday = at('2026-11-20T12:00:00Z');
    assert.equal(iso(momentOf(weekOf(friday, { weekStart: 'monday', timeZone: 'Asia/Tokyo' }), moment, { weekStart: 'monday', timeZone: 'Asia/Tokyo' })), '2026-11-20T07:00:00.000Z');
    assert.equal(iso(momentOf(weekOf(friday, { weekStart: 'monday', timeZone: 'Europe/Berlin' }), moment, { weekStart: 'monday', timeZone: 'Europe/Berlin' })), '2026-11-20T15:00:00.000Z');
    const la = { weekStart: 'monday', timeZone: 'America/Los_Angeles' } as const;
    assert.equal(iso(momentOf(weekOf(friday, la), moment, la)), '2026-11-21T00:00:00.000Z');
    // 16:30 in Tokyo is 08:30 in Berlin and still Thursday night in Los Angeles.
    const instant = at('2026-11-20T07:30:00Z');
    assert.equal(decideNudge(instant, settings('Asia/Tokyo'), facts()).type, 'nudge');
    assert.equal(nudged(decideNudge(instant, berlin, facts())), 'outside working days and hours');
    assert.equal(nudged(decideNudge(instant, settings('America/Los_Angeles'), facts())), 'outside working days and hours');
  });

  test('Friday 16:00 stays 16:00 on the wall clock across the end of daylight saving time', () => {
    const newYork = { weekStart: 'monday', timeZone: 'America/New_York' } as const;
    const moment = { weekday: 5, minutes: 16 * 60 } as const;
    assert.equal(iso(momentOf(weekOf(at('2026-10-28T12:00:00Z'), newYork), moment, newYork)), '2026-10-30T20:00:00.000Z'); // EDT
    assert.equal(iso(momentOf(weekOf(at('2026-11-04T12:00:00Z'), newYork), moment, newYork)), '2026-11-06T21:00:00.000Z'); // EST
    // The week of the change (Oct 26 – Nov 1) is 169 hours long; its Friday moment is still found.
    const ny = settings('America/New_York');
    assert.deepEqual(nudged(decideNudge(at('2026-10-30T20:00:00Z'), ny, facts())), { which: 'this', reason: 'moment', week: '2026-10-26T04:00:00.000Z' });
    assert.equal(nudged(decideNudge(at('2026-10-30T19:59:00Z'), ny, facts())), 'no activity last week; this week\'s moment has not come');
  });

  test('a moment in the hour that clocks skip comes an hour on; in the hour they repeat, the first time', () => {
    const options = { weekStart: 'monday', timeZone: 'Europe/Berlin' } as const;
    const sunday230 = { weekday: 0, minutes: 150 } as const;
    // Clocks jump from 02:00 to 03:00 on Sunday 2026-03-29: 02:30 does not exist, 03:30 CEST does.
    assert.equal(iso(momentOf(weekOf(at('2026-03-25T12:00:00Z'), options), sunday230, options)), '2026-03-29T01:30:00.000Z');
    // Clocks go back from 03:00 to 02:00 on Sunday 2026-10-25: 02:30 happens twice, first at 00:30 UTC.
    assert.equal(iso(momentOf(weekOf(at('2026-10-21T12:00:00Z'), options), sunday230, options)), '2026-10-25T00:30:00.000Z');
    assert.equal(iso(localInstant(2026, 10, 25, 0, 'Europe/Berlin')), '2026-10-24T22:00:00.000Z');
  });

  test('a Sunday moment ends a Monday week and starts a Sunday week', () => {
    const sundayMorning = { day: 'sunday', time: '10:00', workingDays: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] };
    const wednesday = at('2026-11-04T12:00:00Z');
    const mondayWeeks = settings('UTC', sundayMorning, 'monday');
    assert.equal(iso(momentOf(nudgeWeeks(wednesday, mondayWeeks).thisWeek, mondayWeeks.moment!, mondayWeeks.week)), '2026-11-08T10:00:00.000Z');
    assert.match(nudged(decideNudge(wednesday, mondayWeeks, facts())) as string, /moment has not come/);
    const sundayWeeks = settings('UTC', sundayMorning, 'sunday');
    assert.equal(iso(momentOf(nudgeWeeks(wednesday, sundayWeeks).thisWeek, sundayWeeks.moment!, sundayWeeks.week)), '2026-11-01T10:00:00.000Z');
    assert.deepEqual(nudged(decideNudge(wednesday, sundayWeeks, facts())), { which: 'this', reason: 'moment', week: '2026-11-01T00:00:00.000Z' });
  });

  test('a moment on a day off waits for working time; none left that week, it is offered on the next working start', () => {
    const mondayToThursday = settings('Europe/Berlin', { workingDays: ['monday', 'tuesday', 'wednesday', 'thursday'] });
    assert.equal(nudged(decideNudge(at('2026-11-20T15:30:00Z'), mondayToThursday, facts())), 'outside working days and hours');
    assert.equal(nudged(decideNudge(at('2026-11-21T10:00:00Z'), mondayToThursday, facts({ activeLastWeek: true }))), 'outside working days and hours');
    assert.deepEqual(nudged(decideNudge(at('2026-11-23T09:00:00Z'), mondayToThursday, facts({ activeLastWeek: true }))), { which: 'last', reason: 'missed', week: thisWeekInBerlin });
    // A Wednesday moment with Wednesday off comes on Thursday, within the week.
    const wednesdayOff = settings('Europe/Berlin', { day: 'wednesday', workingDays: ['monday', 'tuesday', 'thursday', 'friday'] });
    assert.equal(nudged(decideNudge(at('2026-11-18T15:30:00Z'), wednesdayOff, facts())), 'outside working days and hours');
    assert.deepEqual(nudged(decideNudge(at('2026-11-19T08:00:00Z'), wednesdayOff, facts())), { which: 'this', reason: 'moment', week: thisWeekInBerlin });
  });

  test('never at night: outside working hours the nudge waits, however late the moment', () => {
    const evening = settings('Europe/Berlin', { time: '20:00' });
    assert.equal(nudged(decideNudge(at('2026-11-20T19:30:00Z'), evening, facts())), 'outside working days and hours');
    assert.equal(nudged(decideNudge(at('2026-11-20T07:59:00Z'), berlin, facts({ activeLastWeek: true }))), 'outside working days and hours');
    assert.equal(isWorkingTime(at('2026-11-20T16:59:00Z'), berlin), true);
    assert.equal(isWorkingTime(at('2026-11-20T17:00:00Z'), berlin), false);
    const allDay = settings('Europe/Berlin', { workingHours: '00:00-24:00' });
    assert.equal(isWorkingTime(at('2026-11-20T22:59:00Z'), allDay), true);
  });

  test('"Later" waits for the next working day on which the user is active', () => {
    const thisWeek = { reviewed: false, nudge: later(at('2026-11-20T15:05:00Z')) };
    assert.match(nudged(decideNudge(at('2026-11-20T16:00:00Z'), berlin, facts({ thisWeek }))) as string, /answered \(later\)/);
    assert.equal(nudged(decideNudge(at('2026-11-21T10:00:00Z'), berlin, facts({ thisWeek }))), 'outside working days and hours'); // Saturday
    // Monday: the Friday "Later" is last week's now.
    const monday = facts({ lastWeek: thisWeek });
    assert.equal(nudged(decideNudge(at('2026-11-23T07:30:00Z'), berlin, monday)), 'outside working days and hours');
    assert.equal(nudged(decideNudge(at('2026-11-23T08:30:00Z'), berlin, { ...monday, activeToday: false })), 'no activity in VS Code today yet');
    const decision = decideNudge(at('2026-11-23T08:30:00Z'), berlin, monday);
    assert.deepEqual(nudged(decision), { which: 'last', reason: 'later', week: thisWeekInBerlin });
    assert.equal(decision.type === 'nudge' && decision.laterAnsweredAt, at('2026-11-20T15:05:00Z'));
    // "Later" on a Thursday moment comes back on Friday, in the same week.
    const thursday = settings('Europe/Berlin', { day: 'thursday' });
    const onThursday = facts({ thisWeek: { reviewed: false, nudge: later(at('2026-11-19T15:05:00Z')) } });
    assert.deepEqual(nudged(decideNudge(at('2026-11-20T08:00:00Z'), thursday, onThursday)), { which: 'this', reason: 'later', week: thisWeekInBerlin });
  });

  test('a moment missed is offered once at the first working start of the next week, if the user was active that week', () => {
    const monday = at('2026-11-23T09:00:00Z');
    assert.deepEqual(nudged(decideNudge(monday, berlin, facts({ activeLastWeek: true }))), { which: 'last', reason: 'missed', week: thisWeekInBerlin });
    assert.match(nudged(decideNudge(monday, berlin, facts({ activeLastWeek: false }))) as string, /no activity last week/);
    assert.match(nudged(decideNudge(monday, berlin, facts({ activeLastWeek: true, lastWeek: { reviewed: true, nudge: undefined } }))) as string, /last week is reviewed/);
    const offered: NudgeRecord = { claimedAt: monday, answer: null, answeredAt: null };
    assert.match(nudged(decideNudge(monday + 3_600_000, berlin, facts({ activeLastWeek: true, lastWeek: { reviewed: false, nudge: offered } }))) as string, /moment has not come/);
  });

  test('once this week\'s moment has come, it takes over from last week\'s', () => {
    const friday = at('2026-11-27T15:30:00Z');
    assert.deepEqual(nudged(decideNudge(friday, berlin, facts({ activeLastWeek: true }))), { which: 'this', reason: 'moment', week: '2026-11-22T23:00:00.000Z' });
  });

  test('off means never, and no timer', () => {
    const off = settings('Europe/Berlin', { day: 'off' });
    assert.equal(off.moment, null);
    assert.equal(nudged(decideNudge(at('2026-11-20T15:30:00Z'), off, facts({ activeLastWeek: true }))), 'the review nudge is off');
    assert.equal(nextCheckAt(at('2026-11-20T15:30:00Z'), off), undefined);
  });

  test('the next look is at the moment, the start of working hours or local midnight, whichever comes first', () => {
    assert.equal(iso(nextCheckAt(at('2026-11-20T09:00:00Z'), berlin)!), '2026-11-20T15:00:00.000Z');
    assert.equal(iso(nextCheckAt(at('2026-11-20T06:00:00Z'), berlin)!), '2026-11-20T08:00:00.000Z');
    assert.equal(iso(nextCheckAt(at('2026-11-20T16:00:00Z'), berlin)!), '2026-11-20T23:00:00.000Z');
    // Saturday 23:30 CEST before the clocks go back: midnight is 22:00 UTC.
    assert.equal(iso(nextCheckAt(at('2026-10-24T21:30:00Z'), berlin)!), '2026-10-24T22:00:00.000Z');
  });

  test('settings that cannot be used fall back to the defaults', () => {
    const checked = nudgeSettings({ day: 'someday', time: '25:00', workingDays: ['funday'], workingHours: '18:00-09:00' }, { weekStart: 'monday', timeZone: 'UTC' });
    assert.deepEqual(checked.moment, { weekday: 5, minutes: 960 });
    assert.deepEqual([...checked.workingDays].sort(), [1, 2, 3, 4, 5]);
    assert.deepEqual(checked.workingHours, { start: 540, end: 1080 });
    const custom = nudgeSettings({ day: ' Thursday ', time: '9:30', workingDays: ['saturday', 'sunday'], workingHours: '07:00 – 24:00' }, { weekStart: 'monday', timeZone: 'UTC' });
    assert.deepEqual([custom.moment, [...custom.workingDays].sort(), custom.workingHours], [{ weekday: 4, minutes: 570 }, [0, 6], { start: 420, end: 1440 }]);
  });

  test('the notification counts the week as the Weekly Log does', () => {
    assert.equal(nudgeMessage('this', { shipped: 3, routine: 12, waiting: 2 }), 'This week: 3 shipped, 12 routine, 2 waiting. Review it?');
    assert.equal(nudgeMessage('last', { shipped: 0, routine: 1, waiting: 0 }), 'Last week: 0 shipped, 1 routine, 0 waiting. Review it?');
  });
});
