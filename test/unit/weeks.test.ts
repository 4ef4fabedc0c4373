import * as assert from 'node:assert/strict';
import { previousWeek, startOfLocalDay, weekLabel, weekOf, type WeekOptions } from '../../src/core/weeks';

const monday = (timeZone: string): WeekOptions => ({ weekStart: 'monday', timeZone });
const sunday = (timeZone: string): WeekOptions => ({ weekStart: 'sunday', timeZone });
const iso = (time: number) => new Date(time).toISOString();

suite('weeks in the user\'s time zone', () => {
  // Wednesday 2026-11-04 15:00 UTC
  const wednesday = Date.UTC(2026, 10, 4, 15);

  test('a Monday week starts at local midnight on Monday', () => {
    assert.equal(iso(weekOf(wednesday, monday('UTC')).start), '2026-11-02T00:00:00.000Z');
    assert.equal(iso(weekOf(wednesday, monday('UTC')).end), '2026-11-09T00:00:00.000Z');
  });

  test('a Sunday week starts at local midnight on Sunday', () => {
    assert.equal(iso(weekOf(wednesday, sunday('UTC')).start), '2026-11-01T00:00:00.000Z');
  });

  test('the same instant falls in different weeks in Tokyo and Los Angeles', () => {
    // Monday 2026-11-09 05:00 Tokyo is still Sunday Nov 8 in Los Angeles.
    const instant = Date.UTC(2026, 10, 8, 20);
    assert.equal(iso(weekOf(instant, monday('Asia/Tokyo')).start), '2026-11-08T15:00:00.000Z'); // Mon Nov 9 00:00 JST
    assert.equal(iso(weekOf(instant, monday('America/Los_Angeles')).start), '2026-11-02T08:00:00.000Z'); // Mon Nov 2 00:00 PST
  });

  test('a week that crosses the end of daylight saving time is 169 hours long', () => {
    // US DST ended on Sunday 2026-11-01: the Monday week Oct 26 – Nov 1 has one extra hour.
    const week = weekOf(Date.UTC(2026, 9, 28, 12), monday('America/New_York'));
    assert.equal(iso(week.start), '2026-10-26T04:00:00.000Z');
    assert.equal(iso(week.end), '2026-11-02T05:00:00.000Z');
    assert.equal((week.end - week.start) / 3_600_000, 169);
  });

  test('a week that crosses the start of daylight saving time is 167 hours long', () => {
    // EU DST started on Sunday 2026-03-29.
    const week = weekOf(Date.UTC(2026, 2, 25, 12), monday('Europe/Berlin'));
    assert.equal(iso(week.start), '2026-03-22T23:00:00.000Z');
    assert.equal((week.end - week.start) / 3_600_000, 167);
  });

  test('a day whose midnight is skipped starts at the first hour that exists', () => {
    // Santiago, Chile moved clocks from 00:00 to 01:00 on 2026-09-06.
    const start = startOfLocalDay(2026, 9, 6, 'America/Santiago');
    assert.equal(iso(start), '2026-09-06T04:00:00.000Z');
  });

  test('the week before a week ends where it starts', () => {
    const options = monday('Europe/Berlin');
    const week = weekOf(Date.UTC(2026, 10, 4), options);
    assert.equal(previousWeek(week, options).end, week.start);
  });

  test('labels read "This week", "Last week", then dates', () => {
    const options = monday('UTC');
    const now = wednesday;
    const thisWeek = weekOf(now, options);
    const lastWeek = previousWeek(thisWeek, options);
    const before = previousWeek(lastWeek, options);
    const monthCrossing = previousWeek(before, options);
    assert.equal(weekLabel(thisWeek, now, options), 'This week');
    assert.equal(weekLabel(lastWeek, now, options), 'Last week');
    assert.equal(weekLabel(before, now, options), 'Oct 19 – 25');
    assert.equal(weekLabel(monthCrossing, now, options), 'Oct 12 – 18');
    assert.equal(weekLabel(weekOf(Date.UTC(2026, 8, 30), options), now, options), 'Sep 28 – Oct 4');
  });

  test('labels of other years carry the year', () => {
    const options = monday('UTC');
    assert.equal(weekLabel(weekOf(Date.UTC(2025, 11, 30), options), wednesday, options), 'Dec 29, 2025 – Jan 4, 2026');
    assert.equal(weekLabel(weekOf(Date.UTC(2025, 5, 11), options), wednesday, options), 'Jun 9 – 15, 2025');
  });
});
