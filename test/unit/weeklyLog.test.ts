import * as assert from 'node:assert/strict';
import type { WeekOptions } from '../../src/core/weeks';
import { routineSummary, WeeklyLog } from '../../src/log/weeklyLog';
import { happenedAtOf, namedDay } from '../../src/naming/outcomeDay';
import { Store, type NewCommit } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

let shaCounter = 0;
function commitAt(time: number, subject: string): NewCommit {
  return { sha: (++shaCounter).toString(16).padStart(40, 'a'), subject, authorEmail: 'dev@example.com', authorTime: time, branch: 'main', isMerge: false, status: 'pending' };
}

suite('the weekly log', () => {
  let file: string;
  let store: Store;
  // "Now" is Wednesday 2026-11-18 12:00 UTC.
  const now = Date.UTC(2026, 10, 18, 12);
  const log = (options: WeekOptions) => new WeeklyLog(store, () => options, () => now);

  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
  });

  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  function record(root: string, ...commits: NewCommit[]) {
    return recordCommits(store, root, commits);
  }

  test('an outcome late on Sunday in Los Angeles is last week there, but this week in Tokyo', () => {
    // Sunday 2026-11-15 23:30 PST = Monday 2026-11-16 07:30 UTC = Monday 16:30 JST.
    const sundayNight = Date.UTC(2026, 10, 16, 7, 30);
    written(store.changes.createOutcome({ text: 'Shipped the billing page', kind: 'impact', source: 'manual', happenedAt: sundayNight }));
    const la = log({ weekStart: 'monday', timeZone: 'America/Los_Angeles' });
    const tokyo = log({ weekStart: 'monday', timeZone: 'Asia/Tokyo' });
    const [laThis, laLast] = la.weeks(10).weeks;
    assert.equal(la.week(laThis).impact.length, 0);
    assert.equal(la.week(laLast).impact.length, 1);
    const [tokyoThis] = tokyo.weeks(10).weeks;
    assert.equal(tokyo.week(tokyoThis).impact.length, 1);
  });

  test('with Sunday as the first day, a Sunday outcome opens the new week', () => {
    const sunday = Date.UTC(2026, 10, 15, 12);
    written(store.changes.createOutcome({ text: 'Weekend incident resolved', kind: 'impact', source: 'manual', happenedAt: sunday }));
    const sundayWeeks = log({ weekStart: 'sunday', timeZone: 'UTC' });
    const mondayWeeks = log({ weekStart: 'monday', timeZone: 'UTC' });
    assert.equal(sundayWeeks.week(sundayWeeks.weeks(2).weeks[0]).impact.length, 1);
    assert.equal(mondayWeeks.week(mondayWeeks.weeks(2).weeks[1]).impact.length, 1);
  });

  test('an outcome in the hour daylight saving time repeats belongs to the week it happened in', () => {
    // New York fell back on Sunday 2026-11-01 at 02:00; 01:30 happened twice. 01:30 EST = 06:30 UTC.
    const repeatedHour = Date.UTC(2026, 10, 1, 6, 30);
    written(store.changes.createOutcome({ text: 'Migration finished overnight', kind: 'impact', source: 'manual', happenedAt: repeatedHour }));
    const newYork = log({ weekStart: 'monday', timeZone: 'America/New_York' });
    const { weeks } = newYork.weeks(5);
    const holding = weeks.filter((week) => newYork.week(week).impact.length === 1);
    assert.equal(holding.length, 1);
    assert.equal(new Date(holding[0].start).toISOString(), '2026-10-26T04:00:00.000Z');
  });

  test('a week counts shipped impact, routine (named and unnamed) and waiting work apart', () => {
    const tuesday = Date.UTC(2026, 10, 17, 10);
    const [named, routine1, routine2, waiting] = record('/work/api', commitAt(tuesday, 'feat: refunds'), commitAt(tuesday + 1, 'chore: a'), commitAt(tuesday + 2, 'chore: b'), commitAt(tuesday + 3, 'feat: wip'));
    const [webRoutine] = record('/work/web', commitAt(tuesday + 4, 'docs: readme'));
    written(store.changes.createOutcome({ text: 'Refunds in one click', kind: 'impact', source: 'commit', commitIds: [named.id] }));
    written(store.changes.settleCommits([routine1.id, routine2.id, webRoutine.id], 'routine'));
    written(store.changes.createOutcome({ text: 'Reviewed the auth redesign', kind: 'routine', source: 'manual', happenedAt: tuesday }));
    const weekly = log({ weekStart: 'monday', timeZone: 'UTC' });
    const groups = weekly.week(weekly.weeks(1).weeks[0]);
    assert.equal(groups.impact.length, 1);
    assert.equal(groups.impact[0].commits[0].subject, 'feat: refunds');
    assert.equal(groups.routineCount, 4);
    assert.equal(groups.waiting.length, 1);
    assert.equal(groups.waiting[0].commits[0].id, waiting.id);
    assert.equal(routineSummary(groups.unnamedRoutine), '3 commits in api, web');
    assert.equal(weekly.shippedThisWeek(), 1);
  });

  test('a week shown at a glance counts routine commits nobody named, history too, as many as it would list; a filter lists them', () => {
    const tuesday = Date.UTC(2026, 10, 17, 10);
    const [routine1, routine2] = record('/work/api', commitAt(tuesday, 'chore: a'), commitAt(tuesday + 1, 'chore: b'));
    const [webRoutine] = record('/work/web', commitAt(tuesday + 2, 'docs: readme'));
    written(store.changes.settleCommits([routine1.id, routine2.id, webRoutine.id], 'routine'));
    store.history.importBatch(routine1.repoId, { commits: [{ sha: 'e'.repeat(40), subject: 'chore: imported', authorEmail: 'dev@example.com', authorTime: tuesday + 3, branch: 'main' }], branches: [] });
    const weekly = log({ weekStart: 'monday', timeZone: 'UTC' });
    const week = weekly.weeks(1).weeks[0];
    const listed = weekly.week(week);
    const counted = weekly.week(week, {}, 'counted');
    assert.deepEqual(listed.unnamedRoutine.map((group) => [group.repo.name, group.count, group.commits.map((commit) => commit.subject)]), [
      ['api', 3, ['chore: imported', 'chore: b', 'chore: a']],
      ['web', 1, ['docs: readme']],
    ]);
    assert.deepEqual(counted.unnamedRoutine.map((group) => [group.repo.name, group.count, group.commits.length]), [
      ['api', 3, 0],
      ['web', 1, 0],
    ]);
    assert.deepEqual([counted.routineCount, routineSummary(counted.unnamedRoutine)], [listed.routineCount, routineSummary(listed.unnamedRoutine)]);
    assert.equal(routineSummary(counted.unnamedRoutine), '4 commits in api, web');
    const filtered = weekly.week(week, { text: 'chore' }, 'counted');
    assert.deepEqual(filtered.unnamedRoutine.map((group) => [group.repo.name, group.count, group.commits.map((commit) => commit.subject)]), [['api', 3, ['chore: imported', 'chore: b', 'chore: a']]]);
  });

  test('older weeks are listed only when they hold something, a page at a time', () => {
    for (const weeksAgo of [3, 7, 30, 51]) {
      written(store.changes.createOutcome({ text: `Outcome from ${weeksAgo} weeks ago`, kind: 'impact', source: 'manual', happenedAt: now - weeksAgo * 7 * 86_400_000 }));
    }
    const weekly = log({ weekStart: 'monday', timeZone: 'UTC' });
    const first = weekly.weeks(2);
    assert.equal(first.weeks.length, 4, 'this week, last week, and the two newest weeks with outcomes');
    assert.equal(first.more, true);
    const rest = weekly.weeks(2, first.weeks[first.weeks.length - 1]);
    assert.equal(rest.weeks.length, 2);
    assert.equal(rest.more, false);
    assert.equal(weekly.week(rest.weeks[1]).impact[0].text, 'Outcome from 51 weeks ago');
  });

  test('the filter keeps one repository, or outcomes whose text or commits match', () => {
    const tuesday = Date.UTC(2026, 10, 17, 10);
    const [api] = record('/work/api', commitAt(tuesday, 'feat: refund endpoint'));
    const [web] = record('/work/web', commitAt(tuesday, 'feat: refund button'));
    written(store.changes.createOutcome({ text: 'API refunds', kind: 'impact', source: 'commit', commitIds: [api.id] }));
    written(store.changes.createOutcome({ text: 'One-click refunds on the web', kind: 'impact', source: 'commit', commitIds: [web.id] }));
    const weekly = log({ weekStart: 'monday', timeZone: 'UTC' });
    const [thisWeek] = weekly.weeks(1).weeks;
    assert.deepEqual(weekly.week(thisWeek, { repoRoot: '/work/web' }).impact.map((o) => o.text), ['One-click refunds on the web']);
    assert.deepEqual(weekly.week(thisWeek, { text: 'ENDPOINT' }).impact.map((o) => o.text), ['API refunds']);
    assert.equal(weekly.week(thisWeek, { text: 'nothing like this' }).impact.length, 0);
  });

  test('a filter lists only the weeks that hold a match, this week and last week included only when they do', () => {
    const weeksAgo = (weeks: number) => now - weeks * 7 * 86_400_000;
    written(store.changes.createOutcome({ text: 'Refunds in one click', kind: 'impact', source: 'manual', happenedAt: now - 1000 }));
    written(store.changes.createOutcome({ text: 'Upgraded CI runners', kind: 'routine', source: 'manual', happenedAt: weeksAgo(1) }));
    written(store.changes.createOutcome({ text: 'Refund e-mails that customers read', kind: 'impact', source: 'manual', happenedAt: weeksAgo(3) }));
    record('/work/search', commitAt(weeksAgo(5), 'feat: search index'));
    const weekly = log({ weekStart: 'monday', timeZone: 'UTC' });
    const [thisWeek, lastWeek] = weekly.weeks(1).weeks;
    const starts = (listed: { weeks: { start: number }[] }) => listed.weeks.map((week) => (thisWeek.start - week.start) / (7 * 86_400_000));

    const refunds = weekly.matchingWeeks(8, { text: 'refund' }, true);
    assert.deepEqual(starts(refunds), [0, 3]);
    assert.deepEqual(refunds.groups.get(thisWeek.start)?.impact.map((outcome) => outcome.text), ['Refunds in one click']);
    assert.equal(refunds.groups.has(lastWeek.start), false);
    assert.deepEqual(starts(weekly.matchingWeeks(8, { repoRoot: '/work/search' }, true)), [5]);
    assert.deepEqual(weekly.matchingWeeks(8, { text: 'nothing like this' }, true), { weeks: [], groups: new Map(), more: false });
  });

  test('a filtered list reads a bounded number of weeks per page, and the next page reads older ones', () => {
    for (let weeksAgo = 0; weeksAgo < 20; weeksAgo++) {
      written(store.changes.createOutcome({ text: `Chore ${weeksAgo}`, kind: 'routine', source: 'manual', happenedAt: now - weeksAgo * 7 * 86_400_000 }));
    }
    written(store.changes.createOutcome({ text: 'Refunds, long ago', kind: 'impact', source: 'manual', happenedAt: now - 19 * 7 * 86_400_000 }));
    const weekly = log({ weekStart: 'monday', timeZone: 'UTC' });
    const firstPage = weekly.matchingWeeks(1, { text: 'refunds' }, true);
    assert.deepEqual([firstPage.weeks.length, firstPage.more], [0, true], 'eight weeks read, older ones left for the next page');
    const thirdPage = weekly.matchingWeeks(3, { text: 'refunds' }, true);
    assert.deepEqual([thirdPage.weeks.length, thirdPage.more], [1, false]);
  });

  test('an outcome added by hand on Monday for yesterday shows in last week, not this one', () => {
    const monday = Date.UTC(2026, 10, 16, 5);
    const happenedAt = happenedAtOf(namedDay('yesterday', monday, 'Europe/Berlin'), monday, 'Europe/Berlin');
    written(store.changes.createOutcome({ text: 'Mentored Sam through a first on-call week', kind: 'impact', source: 'manual', happenedAt }));
    const weekly = log({ weekStart: 'monday', timeZone: 'Europe/Berlin' });
    const [thisWeek, lastWeek] = weekly.weeks(1).weeks;
    assert.deepEqual(weekly.week(thisWeek).impact, []);
    assert.deepEqual(weekly.week(lastWeek).impact.map((outcome) => outcome.text), ['Mentored Sam through a first on-call week']);
  });

  test('deleting an outcome puts its commits back to waiting, and undo restores everything', () => {
    const [commit] = record('/work/api', commitAt(now - 1000, 'feat: search'));
    const outcome = written(store.changes.createOutcome({ text: 'Search that finds things', kind: 'impact', source: 'commit', commitIds: [commit.id] }));
    const deleted = written(store.changes.deleteOutcome(outcome.id))!;
    assert.equal(store.outcomes.outcome(outcome.id), undefined);
    assert.equal(store.scans.commit(commit.id)!.status, 'pending');
    written(store.changes.restoreOutcome(deleted));
    assert.deepEqual(store.outcomes.outcome(outcome.id), outcome);
    assert.equal(store.scans.commit(commit.id)!.status, 'named');
  });

  test('renaming and flipping the kind change the outcome in place', () => {
    const outcome = written(store.changes.createOutcome({ text: 'First wording', kind: 'impact', source: 'manual' }));
    written(store.changes.editOutcome(outcome.id, { text: '  Better wording ' }));
    written(store.changes.editOutcome(outcome.id, { kind: 'routine' }));
    assert.equal(store.outcomes.outcome(outcome.id)!.text, 'Better wording');
    assert.equal(store.outcomes.outcome(outcome.id)!.kind, 'routine');
    assert.throws(() => written(store.changes.editOutcome(outcome.id, { text: 'two\nlines' })), /one line/);
  });
});
