import * as assert from 'node:assert/strict';
import type { Goal } from '../../src/core/domain';
import { focusAdvice, goalCountsText, goalDescription, goalDetails, GoalsOverview, goalTargetText, isStalled } from '../../src/goals/goalsOverview';
import { gatherReport } from '../../src/report/gather';
import { renderReport } from '../../src/report/render';
import { Store, type GoalProgress } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

const DAY = 86_400_000;
const BERLIN = 'Europe/Berlin';

function progress(fields: Partial<Goal>, counts: Partial<Omit<GoalProgress, 'goal'>> = {}): GoalProgress {
  const goal: Goal = { id: 'g', title: 'Faster checkout', why: null, targetDay: null, status: 'active', createdAt: Date.UTC(2026, 8, 1), closedAt: null, ...fields };
  return { goal, inWeek: 0, inQuarter: 0, lastProgressAt: null, ...counts };
}

suite('how the Goals view describes a goal', () => {
  // Wednesday, November 18, 2026, noon in Berlin.
  const now = Date.UTC(2026, 10, 18, 11);

  test('a goal that moves: the day it last moved, then this week and this quarter', () => {
    const moving = progress({}, { inWeek: 2, inQuarter: 5, lastProgressAt: Date.UTC(2026, 10, 16, 9) });
    assert.equal(goalDescription(moving, now, BERLIN), 'last progress Nov 16');
    assert.equal(goalCountsText(moving), '2 this week · 5 this quarter');
    assert.equal(isStalled(moving, now), false);
  });

  test('a new goal with no outcome yet is not stalled', () => {
    const fresh = progress({ createdAt: now - 2 * DAY });
    assert.equal(goalDescription(fresh, now, BERLIN), 'no outcomes yet');
    assert.equal(goalCountsText(fresh), undefined, 'no row of zeros');
    assert.equal(isStalled(fresh, now), false);
  });

  test('three weeks without an outcome: the goal says so, plainly', () => {
    const stalled = progress({}, { inQuarter: 2, lastProgressAt: now - 25 * DAY });
    assert.equal(isStalled(stalled, now), true);
    assert.equal(goalDescription(stalled, now, BERLIN), 'no progress for 3 weeks');
    assert.equal(goalCountsText(stalled), '0 this week · 2 this quarter');
    assert.match(goalDetails(stalled, now, BERLIN).join('\n'), /Last progress Oct 24\./);
    assert.match(goalDetails(stalled, now, BERLIN).at(-1)!, /^No outcome for 3 weeks: still a goal\?/);
    assert.equal(isStalled(progress({}, { lastProgressAt: now - 20 * DAY }), now), false, 'twenty days is not three weeks');
  });

  test('a goal set long ago that never moved counts from the day it was set', () => {
    const never = progress({ createdAt: now - 40 * DAY });
    assert.equal(goalDescription(never, now, BERLIN), 'no progress for 5 weeks');
  });

  test('the target day, with the year when it is not this year, and "passed" once behind us', () => {
    const target = (targetDay: string | null, status: Goal['status'] = 'active') => goalTargetText(progress({ targetDay, status }).goal, now, BERLIN);
    assert.equal(target('2026-12-31'), 'Target Dec 31');
    assert.equal(target('2027-03-31'), 'Target Mar 31, 2027');
    assert.equal(target('2026-11-17'), 'Target Nov 17 passed');
    assert.equal(target('2026-11-18'), 'Target Nov 18', 'the target day itself has not passed');
    assert.equal(target('2026-11-17', 'completed'), 'Target Nov 17', 'a closed goal is past caring');
    assert.equal(target(null), undefined);
  });

  test('days follow the user\'s time zone: late Monday evening in Los Angeles is Tuesday in Berlin', () => {
    const lateMonday = Date.UTC(2026, 10, 17, 6, 30); // 22:30 on Nov 16 in Los Angeles
    const moved = progress({}, { inWeek: 1, inQuarter: 1, lastProgressAt: lateMonday });
    assert.equal(goalDescription(moved, now, 'America/Los_Angeles'), 'last progress Nov 16');
    assert.equal(goalDescription(moved, now, BERLIN), 'last progress Nov 17');
  });

  test('a closed goal says when it was completed or dropped', () => {
    const completed = progress({ status: 'completed', closedAt: Date.UTC(2026, 10, 3, 12) }, { lastProgressAt: Date.UTC(2026, 10, 2, 12) });
    assert.equal(goalDescription(completed, now, BERLIN), 'completed Nov 3');
    assert.equal(isStalled({ ...completed, lastProgressAt: now - 100 * DAY }, now), false, 'only an active goal stalls');
    assert.equal(goalDescription(progress({ status: 'dropped', closedAt: Date.UTC(2025, 9, 1, 12) }), now, BERLIN), 'dropped Oct 1, 2025');
  });

  test('the tooltip holds everything: why, target, counts, last progress', () => {
    const details = goalDetails(progress({ why: 'Carts abandoned at payment', targetDay: '2027-03-31' }, { inWeek: 1, inQuarter: 4, lastProgressAt: now }), now, BERLIN);
    assert.deepEqual(details, ['Faster checkout', 'Why it matters: Carts abandoned at payment', 'Target: Mar 31, 2027', '1 outcome this week, 4 this quarter.', 'Last progress Nov 18.']);
  });

  test('past five active goals the advice is given; up to five, nothing is said', () => {
    assert.equal(focusAdvice(5), undefined);
    assert.match(focusAdvice(6) ?? '', /^You now have 6 active goals\. Three to five is the advice: focus beats a long list\./);
  });
});

suite('the goals overview over a real store', () => {
  let file: string;
  let store: Store;
  let now: number;
  let overview: GoalsOverview;

  setup(() => {
    file = tempDatabase();
    now = Date.UTC(2026, 10, 18, 11); // Wednesday
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    overview = new GoalsOverview(store, () => ({ weekStart: 'monday', timeZone: BERLIN }), () => now);
  });
  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  test('this week and this quarter follow the week start and the calendar quarter', () => {
    const { week, quarter } = overview.spans();
    assert.equal(new Date(week.start).toISOString(), '2026-11-15T23:00:00.000Z');
    assert.equal(new Date(quarter.from).toISOString(), '2026-09-30T22:00:00.000Z');
    assert.equal(new Date(quarter.to).toISOString(), '2026-12-31T23:00:00.000Z');
  });

  test('active goals with their counts, closed goals apart, and this week\'s untied outcomes', () => {
    assert.equal(overview.isEmpty(), true);
    const checkout = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const docs = written(store.changes.createGoal({ title: 'Docs people read' }));
    written(store.changes.createOutcome({ text: 'One-page checkout', kind: 'impact', source: 'manual', goalId: checkout.id, happenedAt: now - DAY }));
    written(store.changes.createOutcome({ text: 'Card form remembers the country', kind: 'impact', source: 'manual', goalId: checkout.id, happenedAt: now - 20 * DAY }));
    written(store.changes.createOutcome({ text: 'Mentored Sam', kind: 'impact', source: 'manual', happenedAt: now - DAY }));
    written(store.changes.createOutcome({ text: 'Old untied work', kind: 'impact', source: 'manual', happenedAt: now - 10 * DAY }));
    written(store.changes.setGoalStatus(docs.id, 'dropped'));
    assert.equal(overview.isEmpty(), false);
    assert.deepEqual(
      overview.active().map((entry) => [entry.goal.title, entry.inWeek, entry.inQuarter]),
      [['Faster checkout', 1, 2]],
    );
    assert.deepEqual(overview.closed().map((entry) => entry.goal.title), ['Docs people read']);
    assert.deepEqual(overview.outcomesOf(checkout.id).map((outcome) => outcome.text), ['One-page checkout', 'Card form remembers the country'], 'newest first');
    assert.deepEqual(overview.untiedThisWeek().map((outcome) => outcome.text), ['Mentored Sam']);
  });

  test('a branch and the outcomes of its commits that move the same goal count once; a commit\'s own goal under the branch still counts', () => {
    const checkout = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const payments = written(store.changes.createGoal({ title: 'Reliable payments' }));
    const commit = (letter: string, subject: string) => ({ sha: letter.repeat(40), subject, authorEmail: 'dev@example.com', authorTime: now - DAY, branch: 'feature/checkout', isMerge: false });
    const [a, b, c] = recordCommits(store, '/work/shop', [commit('a', 'feat: one-page checkout'), commit('b', 'fix: retry payments'), commit('c', 'test: checkout')]);
    written(store.changes.createOutcome({ text: 'Checkout form in one page', kind: 'impact', source: 'commit', commitIds: [a.id], goalId: checkout.id }));
    written(store.changes.createOutcome({ text: 'Payments retry on timeout', kind: 'impact', source: 'commit', commitIds: [b.id], goalId: payments.id }));
    const { cloneId, repo } = store.clones.ensure('/work/shop');
    const [closed] = store.scans.record(cloneId, repo.id, {
      position: new Map(),
      commits: [],
      closedBranches: [{ name: 'feature/checkout', tip: c.sha, closedAs: 'merged', into: 'main', shas: [c.sha, b.sha, a.sha] }],
    }).branches;
    const branch = written(store.changes.createOutcome({ text: 'Checkout in one page, with payments that retry', kind: 'impact', source: 'branch', branchId: closed.id, goalId: checkout.id }));
    assert.equal(store.goals.outcomesOf(payments.id)[0].parentId, branch.id, 'the commit outcome sits under the branch');
    const counts = Object.fromEntries(overview.active().map((entry) => [entry.goal.title, entry.inWeek]));
    assert.deepEqual(counts, { 'Faster checkout': 1, 'Reliable payments': 1 });
    assert.deepEqual(overview.outcomesOf(checkout.id).map((outcome) => outcome.id), [branch.id]);
  });
});

suite('exports gather goals from the store', () => {
  test('each outcome carries its goal; the range\'s goals are the active ones and any an outcome moves', () => {
    const file = tempDatabase();
    const now = Date.UTC(2026, 10, 18, 11);
    const store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    try {
      const checkout = written(store.changes.createGoal({ title: 'Faster checkout', why: 'Carts abandoned at payment' }));
      const onCall = written(store.changes.createGoal({ title: 'Calmer on-call' }));
      const unused = written(store.changes.createGoal({ title: 'An idea from last year' }));
      written(store.changes.createOutcome({ text: 'One-page checkout', kind: 'impact', source: 'manual', goalId: checkout.id, happenedAt: now - DAY }));
      written(store.changes.createOutcome({ text: 'Runbook for the pager', kind: 'routine', source: 'manual', goalId: onCall.id, happenedAt: now - DAY }));
      written(store.changes.createOutcome({ text: 'Mentored Sam', kind: 'impact', source: 'manual', happenedAt: now - DAY }));
      written(store.changes.setGoalStatus(onCall.id, 'completed'));
      written(store.changes.setGoalStatus(unused.id, 'dropped'));
      const data = gatherReport(store, { from: now - 7 * DAY, to: now + DAY }, BERLIN);
      assert.deepEqual(data.goals?.map((goal) => [goal.title, goal.status]), [
        ['Faster checkout', 'active'],
        ['Calmer on-call', 'completed'],
      ]);
      assert.equal(data.impact.find((outcome) => outcome.text === 'One-page checkout')?.goal?.why, 'Carts abandoned at payment');
      assert.equal(data.impact.find((outcome) => outcome.text === 'Mentored Sam')?.goal, null);
      assert.match(renderReport(data, 'markdown'), /\n- Runbook for the pager — goal: Calmer on-call\n/);
    } finally {
      store.close();
      removeDatabase(file);
    }
  });
});
