import * as assert from 'node:assert/strict';
import { calendarIn } from '../../src/core/calendar';
import { InvalidInputError } from '../../src/core/errors';
import { dayProblem, happenedAtOf, namedDay, recentDays } from '../../src/naming/outcomeDay';

suite('the day an outcome added by hand happened', () => {
  // Monday 2026-11-30 05:00 UTC: still Sunday evening in Los Angeles, Monday morning in Berlin.
  const now = Date.UTC(2026, 10, 30, 5);
  const LOS_ANGELES = 'America/Los_Angeles';
  const BERLIN = 'Europe/Berlin';

  test('the picker offers today, yesterday and the five days before by name, in the person\'s time zone', () => {
    assert.deepEqual(
      recentDays(now, LOS_ANGELES).map((choice) => [choice.label, choice.day, choice.description]),
      [
        ['Today', '2026-11-29', 'Nov 29'],
        ['Yesterday', '2026-11-28', 'Nov 28'],
        ['Friday', '2026-11-27', 'Nov 27'],
        ['Thursday', '2026-11-26', 'Nov 26'],
        ['Wednesday', '2026-11-25', 'Nov 25'],
        ['Tuesday', '2026-11-24', 'Nov 24'],
        ['Monday', '2026-11-23', 'Nov 23'],
      ],
    );
    assert.deepEqual(
      recentDays(now, BERLIN).map((choice) => choice.label),
      ['Today', 'Yesterday', 'Saturday', 'Friday', 'Thursday', 'Wednesday', 'Tuesday'],
    );
    assert.equal(recentDays(Date.UTC(2027, 0, 1, 12), BERLIN)[1].day, '2026-12-31', 'across the new year');
  });

  test('a typed day must be a real calendar day, not one still to come, and says why', () => {
    assert.equal(dayProblem('2026-11-2', now, BERLIN), 'Type a date as YYYY-MM-DD, for example 2026-11-02.');
    assert.equal(dayProblem('last friday', now, BERLIN), 'Type a date as YYYY-MM-DD, for example 2026-11-02.');
    assert.equal(dayProblem('2026-02-30', now, BERLIN), '2026-02-30 is not a day on the calendar.');
    assert.equal(dayProblem('2026-11-30', now, LOS_ANGELES), '2026-11-30 is still to come: type today or a day before.', 'it is still the 29th there');
    assert.equal(dayProblem('2026-11-30', now, BERLIN), undefined);
    assert.equal(dayProblem(' 2025-12-31 ', now, BERLIN), undefined);
  });

  test('a caller names the day as today, yesterday or YYYY-MM-DD, and a bad one is refused with the reason', () => {
    assert.equal(namedDay('today', now, LOS_ANGELES), '2026-11-29');
    assert.equal(namedDay('yesterday', now, BERLIN), '2026-11-29');
    assert.equal(namedDay('2026-11-12', now, BERLIN), '2026-11-12');
    assert.throws(() => namedDay('2026-13-01', now, BERLIN), (error) => error instanceof InvalidInputError && /not a day on the calendar/.test(error.message));
  });

  test('a day that is not today is dated in its middle, so it is that day in that time zone, even when the clocks change', () => {
    const berlin = calendarIn(BERLIN);
    // 2026-10-25 has 25 hours in Berlin; 2026-03-29 has 23.
    for (const day of ['2026-11-12', '2026-10-25', '2026-03-29', '2025-12-31']) assert.equal(berlin.isoDate(happenedAtOf(day, now, BERLIN)), day);
    assert.equal(calendarIn(LOS_ANGELES).isoDate(happenedAtOf('2026-11-28', now, LOS_ANGELES)), '2026-11-28');
    assert.equal(happenedAtOf('2026-11-30', now, BERLIN), now, 'today keeps the moment it was added');
  });
});
