import * as assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { WeekOptions } from '../../src/core/weeks';
import { weekOf } from '../../src/core/weeks';
import { Insights } from '../../src/insights/insights';
import { jsonForHtml } from '../../src/insights/messages';
import { lastWeeks, rangeWeeks, weeksBetween } from '../../src/core/ranges';
import { Store, type NewCommit } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const iso = (time: number) => new Date(time).toISOString();

let shaCounter = 0;
function commitAt(time: number, status: NewCommit['status'] = 'pending', isMerge = false): NewCommit {
  return { sha: (++shaCounter).toString(16).padStart(40, '0'), subject: `change ${shaCounter}`, authorEmail: 'dev@example.com', authorTime: time, branch: 'main', isMerge, status };
}

suite('insights: the numbers, counted by SQLite in the user\'s weeks', () => {
  let file: string;
  let store: Store;
  // "Now" is Wednesday 2026-11-18 12:00 UTC.
  const now = Date.UTC(2026, 10, 18, 12);
  const utc: WeekOptions = { weekStart: 'monday', timeZone: 'UTC' };
  const insights = (options: WeekOptions = utc) => new Insights(store, () => options, () => now);

  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
  });

  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  /** A goal, written as the goals feature writes it (this branch has no goals API of its own). */
  function addGoal(title: string, createdAt: number, status: 'active' | 'completed' | 'dropped' = 'active', closedAt: number | null = null): string {
    const id = `goal-${title.replace(/\W+/g, '-').toLowerCase()}`;
    const db = new Database(file);
    db.prepare('INSERT INTO goals (id, title, status, position, created_at, updated_at, closed_at) VALUES (?, ?, ?, 0, ?, ?, ?)').run(id, title, status, createdAt, createdAt, closedAt);
    db.close();
    return id;
  }

  test('an empty log has twelve empty weeks, no goals, no repositories and no signals', () => {
    const numbers = insights().numbers('last12Weeks');
    assert.equal(numbers.weeks.length, 12);
    assert.ok(numbers.empty);
    assert.ok(numbers.weeks.every((week) => week.impact + week.routine + week.unnamed + week.commits === 0));
    assert.deepEqual([numbers.goals, numbers.repositories, numbers.signals], [[], [], []]);
    assert.equal(numbers.weeks[11].current, true);
    assert.equal(numbers.weeks[11].label, 'Nov 16 – 22');
    assert.equal(numbers.signalsAsOf.label, 'Nov 9 – 15');
    assert.equal(numbers.range.days, 'Aug 31 – Nov 22');
  });

  test('one week: top-level outcomes by kind, unnamed commits by status, and every counted commit', () => {
    const tuesday = Date.UTC(2026, 10, 17, 10);
    // recordCommits returns the commits claimed to ask about: the pending ones.
    const [named, routine1, routine2, pending, skipped, gone] = recordCommits(store, '/work/api', [0, 1, 2, 3, 4, 7].map((offset) => commitAt(tuesday + offset)));
    recordCommits(store, '/work/api', [commitAt(tuesday + 5, 'open'), commitAt(tuesday + 6, 'history'), commitAt(tuesday + 8, 'ignored', true), commitAt(tuesday + 9, 'history', true)]);
    written(store.changes.createOutcome({ text: 'Refunds in one click', kind: 'impact', source: 'commit', commitIds: [named.id] }));
    written(store.changes.settleCommits([routine1.id, routine2.id], 'routine'));
    written(store.changes.settleCommits([skipped.id], 'skipped'));
    written(store.changes.createOutcome({ text: 'Reviewed the auth redesign', kind: 'routine', source: 'manual', happenedAt: tuesday }));
    store.scans.record(store.clones.ensure('/work/api').cloneId, named.repoId, { position: new Map(), commits: [], gone: [gone.sha] });
    const week = insights().numbers('last12Weeks').weeks[11];
    assert.deepEqual(
      { impact: week.impact, routine: week.routine, unnamed: week.unnamed, unnamedByStatus: week.unnamedByStatus, commits: week.commits },
      // Unnamed: 2 routine + 1 history + 1 pending; the gone one, the merges and the skipped and open ones are not.
      // Commits: named, 2 routine, pending, skipped, open, history = 7 (not the gone one, not the merges).
      { impact: 1, routine: 1, unnamed: 4, unnamedByStatus: { routine: 2, history: 1, pending: 1 }, commits: 7 },
    );
    assert.equal(pending.status, 'pending');
  });

  test('an outcome shown under a branch\'s outcome is not counted again in its week', () => {
    const tuesday = Date.UTC(2026, 10, 17, 10);
    const [first, second] = recordCommits(store, '/work/api', [commitAt(tuesday), commitAt(tuesday + 1)]);
    written(store.changes.createOutcome({ text: 'Retry on gateway timeouts', kind: 'impact', source: 'commit', commitIds: [first.id] }));
    const branch = written(store.changes.createOutcome({ text: 'Checkout survives gateway outages', kind: 'impact', source: 'manual', happenedAt: tuesday + 2 }));
    const db = new Database(file);
    db.prepare('UPDATE outcomes SET parent_id = ? WHERE id <> ?').run(branch.id, branch.id);
    db.close();
    assert.equal(second.status, 'pending');
    assert.equal(insights().numbers('last12Weeks').weeks[11].impact, 1);
  });

  test('weeks across the end of daylight saving time: late Sunday and the repeated hour count in the week they happened', () => {
    const newYork: WeekOptions = { weekStart: 'monday', timeZone: 'America/New_York' };
    // New York fell back on Sunday 2026-11-01 at 02:00; 01:30 happened twice. 01:30 EST = 06:30 UTC.
    written(store.changes.createOutcome({ text: 'Migration finished overnight', kind: 'impact', source: 'manual', happenedAt: Date.UTC(2026, 10, 1, 6, 30) }));
    // Sunday 23:30 EST = Monday 04:30 UTC: still the week of Oct 26, which is 169 hours long.
    const lateSunday = Date.UTC(2026, 10, 2, 4, 30);
    written(store.changes.createOutcome({ text: 'Hotfix before the Monday release', kind: 'routine', source: 'manual', happenedAt: lateSunday }));
    // Monday 00:30 EST = 05:30 UTC: the next week.
    written(store.changes.createOutcome({ text: 'Backfill verified', kind: 'impact', source: 'manual', happenedAt: Date.UTC(2026, 10, 2, 5, 30) }));
    const { weeks } = insights(newYork).numbers('last12Weeks');
    const dstWeek = weeks.find((week) => week.label === 'Oct 26 – Nov 1')!;
    assert.equal(iso(dstWeek.start), '2026-10-26T04:00:00.000Z');
    assert.equal((dstWeek.end - dstWeek.start) / HOUR, 169);
    assert.deepEqual([dstWeek.impact, dstWeek.routine], [1, 1]);
    const next = weeks[weeks.indexOf(dstWeek) + 1];
    assert.equal(iso(next.start), '2026-11-02T05:00:00.000Z');
    assert.deepEqual([next.impact, next.routine], [1, 0]);
    // Buckets of 604,800,000 ms from the first week's start would have put late Sunday in the next week.
    assert.equal(Math.floor((lateSunday - weeks[0].start) / WEEK), weeks.indexOf(next));
  });

  test('weeks across the start of daylight saving time are 167 hours long and meet without a gap', () => {
    const berlin: WeekOptions = { weekStart: 'monday', timeZone: 'Europe/Berlin' };
    const weeks = weeksBetween(Date.UTC(2026, 2, 10), Date.UTC(2026, 3, 10), berlin);
    for (let index = 1; index < weeks.length; index++) assert.equal(weeks[index].start, weeks[index - 1].end);
    assert.deepEqual(
      weeks.map((week) => (week.end - week.start) / HOUR),
      weeks.map((week) => (week.start === Date.UTC(2026, 2, 22, 23) ? 167 : 168)),
    );
  });

  test('the week start setting decides where a Sunday outcome goes', () => {
    const sunday = Date.UTC(2026, 10, 15, 12);
    written(store.changes.createOutcome({ text: 'Weekend incident resolved', kind: 'impact', source: 'manual', happenedAt: sunday }));
    const mondayWeeks = insights({ weekStart: 'monday', timeZone: 'UTC' }).numbers('last12Weeks').weeks;
    const sundayWeeks = insights({ weekStart: 'sunday', timeZone: 'UTC' }).numbers('last12Weeks').weeks;
    assert.equal(mondayWeeks[10].impact, 1, 'Monday weeks: the Sunday ends last week');
    assert.equal(sundayWeeks[11].impact, 1, 'Sunday weeks: the Sunday opens this week');
    assert.equal(iso(sundayWeeks[11].start), '2026-11-15T00:00:00.000Z');
  });

  test('ranges: this quarter starts with the week holding its first day, twelve months are 53 weeks, all time starts at the first thing logged', () => {
    assert.equal(iso(rangeWeeks('thisQuarter', now, utc)[0].start), '2026-09-28T00:00:00.000Z');
    assert.equal(rangeWeeks('last12Months', now, utc).length, 53);
    assert.equal(iso(rangeWeeks('last12Months', now, utc)[0].start), '2025-11-17T00:00:00.000Z');
    recordCommits(store, '/work/api', [commitAt(Date.UTC(2026, 6, 1, 9), 'history')]);
    const all = insights().numbers('all');
    assert.equal(iso(all.weeks[0].start), '2026-06-29T00:00:00.000Z');
    assert.equal(all.weeks[0].commits, 1);
    assert.equal(lastWeeks(3, now, utc).length, 3);
  });

  test('weeks of a range that spans more than one year carry their year on the axis and in their labels; within one year they do not', () => {
    const twelveMonths = insights().numbers('last12Months');
    assert.deepEqual(
      [twelveMonths.weeks[0], twelveMonths.weeks[6], twelveMonths.weeks[52]].map((week) => [week.tick, week.label]),
      [
        ['Nov 17, 2025', 'Nov 17 – 23, 2025'],
        ['Dec 29, 2025', 'Dec 29, 2025 – Jan 4, 2026'],
        ['Nov 16, 2026', 'Nov 16 – 22, 2026'],
      ],
    );
    const twelveWeeks = insights().numbers('last12Weeks');
    assert.deepEqual([twelveWeeks.weeks[0].tick, twelveWeeks.weeks[11].tick, twelveWeeks.weeks[11].label], ['Aug 31', 'Nov 16', 'Nov 16 – 22']);
    written(store.changes.createOutcome({ text: 'The first thing logged', kind: 'impact', source: 'manual', happenedAt: Date.UTC(2024, 2, 5) }));
    const allTime = insights().numbers('all');
    assert.deepEqual([allTime.weeks[0].tick, allTime.weeks.at(-1)?.tick], ['Mar 4, 2024', 'Nov 16, 2026']);
  });

  test('goals over time: every outcome linked to a goal counts in its week; quiet active goals show, closed goals only with outcomes', () => {
    const checkout = addGoal('Faster checkout', Date.UTC(2026, 8, 1));
    addGoal('Onboarding guide', Date.UTC(2026, 8, 1));
    addGoal('Old migration', Date.UTC(2026, 0, 1), 'dropped', Date.UTC(2026, 5, 1));
    const shipped = addGoal('Search revamp', Date.UTC(2026, 0, 1), 'completed', Date.UTC(2026, 10, 10));
    written(store.changes.createOutcome({ text: 'Checkout loads in 1 s', kind: 'impact', source: 'manual', happenedAt: Date.UTC(2026, 10, 3), goalId: checkout }));
    written(store.changes.createOutcome({ text: 'Cart keeps items across devices', kind: 'impact', source: 'manual', happenedAt: Date.UTC(2026, 10, 4), goalId: checkout }));
    written(store.changes.createOutcome({ text: 'Search ranks by recency', kind: 'impact', source: 'manual', happenedAt: Date.UTC(2026, 10, 9), goalId: shipped }));
    written(store.changes.createOutcome({ text: 'Fixed flaky test', kind: 'routine', source: 'manual', happenedAt: Date.UTC(2026, 10, 9) }));
    const numbers = insights().numbers('last12Weeks');
    assert.deepEqual(
      numbers.goals.map((goal) => [goal.title, goal.status, goal.total, goal.perWeek.slice(-3)]),
      [
        ['Faster checkout', 'active', 2, [2, 0, 0]],
        ['Onboarding guide', 'active', 0, [0, 0, 0]],
        ['Search revamp', 'completed', 1, [0, 1, 0]],
      ],
    );
    assert.equal(numbers.outcomesWithoutGoal, 1);
  });

  test('where the work went: top-level outcomes per repository, most first, with outcomes added by hand apart', () => {
    const tuesday = Date.UTC(2026, 10, 17, 10);
    const api = recordCommits(store, '/work/api', [commitAt(tuesday), commitAt(tuesday + 1), commitAt(tuesday + 2)]);
    const [web] = recordCommits(store, '/work/web', [commitAt(tuesday + 3)]);
    for (const [index, commit] of api.entries()) written(store.changes.createOutcome({ text: `API change ${index}`, kind: index === 0 ? 'routine' : 'impact', source: 'commit', commitIds: [commit.id] }));
    written(store.changes.createOutcome({ text: 'Web change', kind: 'impact', source: 'commit', commitIds: [web.id] }));
    written(store.changes.createOutcome({ text: 'Mentored Sam', kind: 'routine', source: 'manual', happenedAt: tuesday }));
    assert.deepEqual(
      insights().numbers('last12Weeks').repositories.map((row) => [row.name, row.impact, row.routine]),
      [
        ['api', 2, 1],
        ['Added by hand', 0, 1],
        ['web', 1, 0],
      ],
    );
  });
});

suite('insights: signals on synthetic years', () => {
  let file: string;
  let store: Store;
  let db: Database.Database;
  // "Now" is Wednesday 2026-11-18 12:00 UTC; signals are as of the week of Nov 9 – 15.
  const now = Date.UTC(2026, 10, 18, 12);
  const utc: WeekOptions = { weekStart: 'monday', timeZone: 'UTC' };
  const insights = () => new Insights(store, () => utc, () => now);
  const asOf = weekOf(Date.UTC(2026, 10, 11), utc);
  /** The Monday `weeksBefore` weeks before the as-of week's, at 10:00. */
  const monday = (weeksBefore: number) => asOf.start - weeksBefore * WEEK + 10 * HOUR;
  let seq = 0;
  const id = () => `X${(++seq).toString().padStart(25, '0')}`;

  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    db = new Database(file);
    for (const name of ['api', 'web', 'mobile']) db.prepare('INSERT INTO repositories (id, name, created_at, updated_at) VALUES (?, ?, 0, 0)').run(name, name);
  });

  teardown(() => {
    db.close();
    store.close();
    removeDatabase(file);
  });

  /** A synthetic week, written in one transaction: outcomes by kind and commits by status. */
  function week(
    at: number,
    counts: { impact?: number; routine?: number; routineCommits?: number; namedCommits?: number; historyCommits?: number; repo?: string; goal?: string },
  ): void {
    db.transaction(() => {
      const outcome = db.prepare("INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, goal_id) VALUES (?, ?, ?, 'commit', ?, ?, ?, ?, ?)");
      const commit = db.prepare("INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, status, recorded_at, updated_at) VALUES (?, ?, ?, 'work', 'dev@example.com', ?, ?, ?, ?)");
      const repo = counts.repo ?? 'api';
      for (let index = 0; index < (counts.impact ?? 0); index++) outcome.run(id(), `Impact ${index}`, 'impact', at + index, at, at, repo, counts.goal ?? null);
      for (let index = 0; index < (counts.routine ?? 0); index++) outcome.run(id(), `Routine ${index}`, 'routine', at + index, at, at, repo, null);
      for (let index = 0; index < (counts.routineCommits ?? 0); index++) commit.run(id(), repo, id(), at + index, 'routine', at, at);
      for (let index = 0; index < (counts.namedCommits ?? 0); index++) commit.run(id(), repo, id(), at + index, 'named', at, at);
      for (let index = 0; index < (counts.historyCommits ?? 0); index++) commit.run(id(), repo, id(), at + index, 'history', at, at);
    })();
  }

  function goal(title: string, createdAt: number, status = 'active', closedAt: number | null = null): string {
    const goalId = id();
    db.prepare('INSERT INTO goals (id, title, status, position, created_at, updated_at, closed_at) VALUES (?, ?, ?, 0, ?, ?, ?)').run(goalId, title, status, createdAt, createdAt, closedAt);
    return goalId;
  }

  const sentences = () => insights().numbers('last12Weeks').signals.map((signal) => signal.sentence);

  test('a steady year gives no signal', () => {
    for (let weeksBefore = 0; weeksBefore < 52; weeksBefore++) week(monday(weeksBefore), { impact: 3, routine: 2, routineCommits: 5, namedCommits: 3 });
    assert.deepEqual(sentences(), []);
  });

  test('routine share: 40% in the four weeks before, 70% in the last four, said with both spans as evidence', () => {
    for (let weeksBefore = 7; weeksBefore >= 4; weeksBefore--) week(monday(weeksBefore), { impact: 3, routine: 1, routineCommits: 1 });
    for (let weeksBefore = 3; weeksBefore >= 0; weeksBefore--) week(monday(weeksBefore), { impact: 3, routine: 2, routineCommits: 5 });
    const [signal] = insights().numbers('last12Weeks').signals;
    assert.equal(signal.sentence, 'Routine share rose from 40% to 70% over the last 8 weeks');
    assert.deepEqual(signal.evidence, [
      'Sep 21 – Oct 18: 8 routine (4 outcomes, 4 unnamed commits) of 20 (40%)',
      'Oct 19 – Nov 15: 28 routine (8 outcomes, 20 unnamed commits) of 40 (70%)',
    ]);
    assert.equal(signal.weeks.length, 8);
  });

  test('routine share falling is said the same way, and a small change or too few items say nothing', () => {
    for (let weeksBefore = 7; weeksBefore >= 4; weeksBefore--) week(monday(weeksBefore), { impact: 1, routine: 3 });
    for (let weeksBefore = 3; weeksBefore >= 0; weeksBefore--) week(monday(weeksBefore), { impact: 3, routine: 1 });
    assert.deepEqual(sentences(), ['Routine share fell from 75% to 25% over the last 8 weeks']);
    db.exec('DELETE FROM outcomes');
    week(monday(5), { impact: 1, routine: 2 });
    week(monday(1), { impact: 2, routine: 0 });
    assert.deepEqual(sentences(), [], 'three items on each side are too few to call a trend');
  });

  test('busy without shipped impact: three weeks in a row with 20+ commits and none shipped', () => {
    week(monday(3), { impact: 1, namedCommits: 30 });
    for (const [weeksBefore, commits] of [[2, 34], [1, 27], [0, 41]]) week(monday(weeksBefore), { routineCommits: commits });
    const signal = insights().numbers('last12Weeks').signals.find((candidate) => candidate.rule === 'busyWithoutImpact')!;
    assert.equal(signal.sentence, '3 weeks in a row with 20+ commits and no shipped impact');
    assert.deepEqual(signal.evidence, ['Oct 26 – Nov 1: 34 commits, no shipped impact', 'Nov 2 – 8: 27 commits, no shipped impact', 'Nov 9 – 15: 41 commits, no shipped impact']);
  });

  test('busy without shipped impact: commits from before Progress Log (history) make no busy week', () => {
    for (const weeksBefore of [2, 1, 0]) week(monday(weeksBefore), { historyCommits: 40 });
    assert.deepEqual(sentences(), []);
    assert.equal(insights().numbers('last12Weeks').weeks[10].commits, 40, 'they still count as commits in the charts');
  });

  test('busy without shipped impact: two weeks, or a quiet week, or one impact outcome break the run', () => {
    week(monday(2), { routineCommits: 19 });
    week(monday(1), { routineCommits: 25 });
    week(monday(0), { routineCommits: 25 });
    assert.ok(!sentences().some((sentence) => sentence.includes('in a row')));
    week(monday(2), { routineCommits: 1 });
    assert.ok(sentences().some((sentence) => sentence.startsWith('3 weeks in a row')));
    week(monday(1), { impact: 1 });
    assert.ok(!sentences().some((sentence) => sentence.includes('in a row')));
  });

  test('a quiet goal: no outcome in 6 weeks, with its last outcome as evidence; a goal never moved since it was set', () => {
    const checkout = goal('Faster checkout', monday(20));
    week(monday(6), { impact: 1, goal: checkout });
    goal('Onboarding guide', monday(4));
    goal('Search revamp', monday(2));
    const signals = insights().numbers('last12Weeks').signals.filter((signal) => signal.rule === 'goalQuiet');
    assert.deepEqual(
      signals.map((signal) => [signal.sentence, signal.evidence]),
      [
        ['No outcome for “Faster checkout” in 6 weeks', ['Last outcome on Sep 28, 2026: “Impact 0”']],
        ['No outcome for “Onboarding guide” since it was set 5 weeks ago', ['Set on Oct 12, 2026; no outcome linked to it since']],
      ],
    );
  });

  test('a goal that moved in the last three weeks, or was completed or dropped, is not quiet', () => {
    const moving = goal('Faster checkout', monday(20));
    week(monday(3), { impact: 1, goal: moving });
    goal('Old migration', monday(30), 'dropped', monday(10));
    goal('Search revamp', monday(30), 'completed', monday(12));
    assert.deepEqual(sentences(), []);
  });

  test('the same quarter last year: the same two repositories, impact share 30% → 25%', () => {
    // Q4 2025 (Oct 1 – Nov 15): api and web, 3 of 10 shipped impact.
    week(Date.UTC(2025, 9, 6, 10), { impact: 3, routine: 4, repo: 'api', namedCommits: 1 });
    week(Date.UTC(2025, 9, 20, 10), { routineCommits: 3, repo: 'web' });
    // Q4 2026 to Nov 15: api and web, 5 of 20 shipped impact.
    week(Date.UTC(2026, 9, 5, 10), { impact: 5, routine: 5, repo: 'api', namedCommits: 1 });
    week(Date.UTC(2026, 9, 19, 10), { routineCommits: 10, repo: 'web' });
    const signal = insights().numbers('last12Weeks').signals.find((candidate) => candidate.rule === 'sameQuarterLastYear')!;
    assert.equal(signal.sentence, 'Compared with the same quarter last year: the same two repositories, impact share 30% → 25%');
    assert.deepEqual(signal.evidence, ['Q4 2025 (Oct 1 – Nov 15): api, web; 3 of 10 shipped impact (30%)', 'Q4 2026 (Oct 1 – Nov 15): api, web; 5 of 20 shipped impact (25%)']);
  });

  test('the same quarter last year, in other repositories; and without last year\'s data, nothing', () => {
    week(Date.UTC(2026, 9, 5, 10), { impact: 5, routine: 5, repo: 'api', namedCommits: 1 });
    week(Date.UTC(2026, 9, 12, 10), { namedCommits: 1, repo: 'mobile' });
    assert.ok(!sentences().some((sentence) => sentence.startsWith('Compared')));
    week(Date.UTC(2025, 9, 6, 10), { impact: 5, routine: 5, repo: 'web', namedCommits: 1 });
    assert.ok(sentences().includes('Compared with the same quarter last year: two repositories instead of one (none the same), impact share 50% → 50%'));
  });

  test('for the weekly review: the signals that appeared in a week, and those that ended', () => {
    for (const weeksBefore of [2, 1, 0]) week(monday(weeksBefore), { routineCommits: 25 });
    const changes = insights().signalsChangedInWeek(asOf);
    assert.deepEqual(
      changes.map((change) => [change.change, change.signal.sentence]),
      [['appeared', '3 weeks in a row with 20+ commits and no shipped impact']],
    );
    const nextWeek = weekOf(asOf.end, utc);
    week(nextWeek.start + 10 * HOUR, { impact: 2, routineCommits: 25 });
    assert.deepEqual(
      insights()
        .signalsChangedInWeek(nextWeek)
        .map((change) => [change.change, change.signal.sentence]),
      [['ended', '3 weeks in a row with 20+ commits and no shipped impact']],
    );
    assert.deepEqual(insights().signalsAsOf(asOf).map((signal) => signal.rule), ['busyWithoutImpact']);
  });
});

suite('insights: a year counted per week, repository and kind from the indexes', () => {
  let file: string;
  let store: Store;
  let db: Database.Database;
  // "Now" is Friday 2026-11-20 12:00 UTC; weeks start on Sunday in Berlin (two DST changes a year).
  const now = Date.UTC(2026, 10, 20, 12);
  const berlin: WeekOptions = { weekStart: 'sunday', timeZone: 'Europe/Berlin' };

  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    db = new Database(file);
  });

  teardown(() => {
    db.close();
    store.close();
    removeDatabase(file);
  });

  test('a synthetic year: every week\'s numbers match the outcomes and commits counted one by one', () => {
    // A little pseudo-random year and a bit, the same every run.
    let seed = 7;
    const next = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    const from = now - 430 * DAY;
    const repos = ['api', 'web', 'mobile'];
    for (const name of repos) db.prepare('INSERT INTO repositories (id, name, created_at, updated_at) VALUES (?, ?, 0, 0)').run(name, name);
    db.prepare("INSERT INTO goals (id, title, status, position, created_at, updated_at) VALUES ('checkout', 'Faster checkout', 'active', 0, 0, 0)").run();
    type Outcome = { at: number; kind: 'impact' | 'routine'; repo: string | null; goal: string | null; child: boolean };
    type Commit = { at: number; status: string; merge: boolean; gone: boolean };
    const outcomes: Outcome[] = [];
    const commits: Commit[] = [];
    db.transaction(() => {
      const insertOutcome = db.prepare("INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, goal_id, parent_id) VALUES (?, 'work', ?, 'commit', ?, 0, 0, ?, ?, ?)");
      const insertCommit = db.prepare("INSERT INTO commits (id, repo_id, sha, subject, author_email, author_time, is_merge, status, gone_at, recorded_at, updated_at) VALUES (?, ?, ?, 'work', 'dev@example.com', ?, ?, ?, ?, 0, 0)");
      let parent: string | null = null;
      for (let index = 0; index < 1500; index++) {
        // mobile has outcomes only before the last 12 months; outcomes added by hand have no repository.
        const at = from + next(430 * 24) * HOUR + next(3600) * 1000;
        const repo = [...(at < now - 380 * DAY ? ['mobile'] : []), 'api', 'web', null][next(at < now - 380 * DAY ? 4 : 3)];
        const outcome: Outcome = { at, kind: next(5) < 2 ? 'impact' : 'routine', repo, goal: next(3) === 0 ? 'checkout' : null, child: parent !== null && next(6) === 0 };
        const outcomeId = `O${index.toString().padStart(25, '0')}`;
        insertOutcome.run(outcomeId, outcome.kind, at, repo, outcome.goal, outcome.child ? parent : null);
        if (!outcome.child) parent = outcomeId;
        outcomes.push(outcome);
      }
      const statuses = ['open', 'pending', 'named', 'routine', 'skipped', 'history', 'ignored'];
      for (let index = 0; index < 6000; index++) {
        const commit: Commit = { at: from + next(430 * 24) * HOUR + next(3600) * 1000, status: statuses[next(7)], merge: next(20) === 0, gone: next(30) === 0 };
        insertCommit.run(`C${index.toString().padStart(25, '0')}`, repos[next(3)], index.toString(16).padStart(40, '0'), commit.at, commit.merge ? 1 : 0, commit.status, commit.gone ? commit.at : null);
        commits.push(commit);
      }
    })();

    const numbers = new Insights(store, () => berlin, () => now).numbers('last12Months');
    assert.equal(numbers.weeks.length, 53);
    const inWeek = (at: number, week: { start: number; end: number }) => at >= week.start && at < week.end;
    const shown = outcomes.filter((outcome) => !outcome.child);
    const counted = commits.filter((commit) => commit.status !== 'ignored' && !commit.merge && !commit.gone);
    for (const week of numbers.weeks) {
      const mine = shown.filter((outcome) => inWeek(outcome.at, week));
      const theirCommits = counted.filter((commit) => inWeek(commit.at, week));
      assert.deepEqual(
        { impact: week.impact, routine: week.routine, commits: week.commits, unnamed: week.unnamedByStatus },
        {
          impact: mine.filter((outcome) => outcome.kind === 'impact').length,
          routine: mine.filter((outcome) => outcome.kind === 'routine').length,
          commits: theirCommits.length,
          unnamed: Object.fromEntries(['routine', 'history', 'pending'].map((status) => [status, theirCommits.filter((commit) => commit.status === status).length])),
        },
        week.label,
      );
    }
    const span = { start: numbers.weeks[0].start, end: numbers.weeks[52].end };
    const inRange = shown.filter((outcome) => inWeek(outcome.at, span));
    const perRepository = (repo: string | null) => ['impact', 'routine'].map((kind) => inRange.filter((outcome) => outcome.repo === repo && outcome.kind === kind).length);
    assert.deepEqual(
      Object.fromEntries(numbers.repositories.map((row) => [row.name, [row.impact, row.routine]])),
      { api: perRepository('api'), web: perRepository('web'), 'Added by hand': perRepository(null) },
      'mobile had no outcome in the range',
    );
    assert.equal(numbers.outcomesWithoutGoal, inRange.filter((outcome) => outcome.goal === null).length);
    assert.deepEqual(
      numbers.goals.find((goal) => goal.id === 'checkout')!.perWeek,
      numbers.weeks.map((week) => outcomes.filter((outcome) => outcome.goal === 'checkout' && inWeek(outcome.at, week)).length),
      'a goal counts its outcomes under a branch\'s outcome too',
    );
  });

  test('counts are kept while the log stays the same, and a change from another window is counted at the next look', () => {
    const tuesday = Date.UTC(2026, 10, 17, 10);
    written(store.changes.createOutcome({ text: 'Checkout in one step', kind: 'impact', source: 'manual', happenedAt: tuesday }));
    const insights = new Insights(store, () => berlin, () => now);
    const year = insights.numbers('last12Months');
    // The shorter range and the review's weeks come from counts kept for this version of the log: the same numbers a fresh look gives.
    assert.deepEqual(insights.numbers('last12Weeks'), new Insights(store, () => berlin, () => now).numbers('last12Weeks'));
    assert.deepEqual(insights.signalsChangedInWeek(weekOf(tuesday - 7 * DAY, berlin)), new Insights(store, () => berlin, () => now).signalsChangedInWeek(weekOf(tuesday - 7 * DAY, berlin)));

    const otherWindow = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    try {
      written(otherWindow.changes.createOutcome({ text: 'Refunds without a ticket', kind: 'impact', source: 'manual', happenedAt: tuesday - 200 * DAY }));
    } finally {
      otherWindow.close();
    }
    const after = insights.numbers('last12Months');
    assert.equal(after.weeks.reduce((sum, week) => sum + week.impact, 0), year.weeks.reduce((sum, week) => sum + week.impact, 0) + 1);
    assert.deepEqual(after, new Insights(store, () => berlin, () => now).numbers('last12Months'));
  });

  test('each week of a range starts where the one before ends, in zones whose clocks change at midnight or by half an hour', () => {
    for (const timeZone of ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham']) {
      for (const weekStart of ['monday', 'sunday'] as const) {
        const options = { weekStart, timeZone };
        const weeks = weeksBetween(Date.UTC(2019, 0, 1), Date.UTC(2026, 11, 31), options);
        for (let index = 1; index < weeks.length; index++) assert.deepEqual(weeks[index], weekOf(weeks[index - 1].end, options), `${timeZone}, ${weekStart}: the week after ${iso(weeks[index - 1].start)}`);
      }
    }
  });
});

suite('insights: the first message travels inside the page', () => {
  test('a goal called like markup stays data: nothing in the JSON can close its element', () => {
    const hostile = { title: '</script><script>alert(1)</script>', line: 'a\u2028b' };
    const embedded = jsonForHtml(hostile);
    assert.doesNotMatch(embedded, /</);
    assert.doesNotMatch(embedded, /\u2028/u);
    assert.deepEqual(JSON.parse(embedded), hostile);
  });
});
