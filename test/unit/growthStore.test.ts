/**
 * Issue 23 in the store: who an outcome reached, firsts, and a week's plan, each changed through
 * `Store.changes` like every other change, kept across a delete and restore, and refused with a
 * sentence when they cannot be. Real SQLite files.
 */
import * as assert from 'node:assert/strict';
import { REACHES } from '../../src/core/domain';
import { growthOf } from '../../src/insights/growth';
import { Insights } from '../../src/insights/insights';
import { cleanupsAfterEach, openWindow, removeDatabase, tempDatabase, type Window } from '../support/harness';
import { written } from '../support/written';

const WEEK = Date.UTC(2026, 10, 30);

suite('reach, firsts and plans in the log', () => {
  const cleanups = cleanupsAfterEach();

  const window = (file = tempDatabase()): Window => {
    const opened = openWindow(file);
    cleanups.push(() => opened.close(), () => removeDatabase(file));
    return opened;
  };

  test('an outcome named with a reach and as a first reads back with them; one named without reads as before', () => {
    const { store } = window();
    const marked = written(store.changes.createOutcome({ text: 'Gave the all-hands talk on safe deploys', kind: 'impact', source: 'manual', reach: 'organisation', first: true }));
    const plain = written(store.changes.createOutcome({ text: 'Cut CI time in half', kind: 'impact', source: 'manual' }));
    assert.deepEqual([marked.reach, marked.first], ['organisation', true]);
    assert.equal('reach' in plain || 'first' in plain, false, 'nothing said: no marks at all');
  });

  test('routine work carries no reach, whatever the naming input held', () => {
    const { store } = window();
    const routine = written(store.changes.createOutcome({ text: 'Bumped the linters', kind: 'routine', source: 'manual', reach: 'team' }));
    assert.equal(routine.reach, undefined);
  });

  test('several outcomes are marked at once, and a mark left out stays as it was', () => {
    const { store } = window();
    const one = written(store.changes.createOutcome({ text: 'Checkout retries failed payments', kind: 'impact', source: 'manual', first: true }));
    const two = written(store.changes.createOutcome({ text: 'Refunds in one click', kind: 'impact', source: 'manual' }));
    assert.equal(written(store.changes.markOutcomes([one.id, two.id], { reach: 'users' })), 2);
    assert.deepEqual([store.outcomes.outcome(one.id)?.reach, store.outcomes.outcome(one.id)?.first], ['users', true]);
    assert.equal(store.outcomes.outcome(two.id)?.first, undefined);
    written(store.changes.markOutcomes([one.id], { reach: null, first: false }));
    assert.deepEqual([store.outcomes.outcome(one.id)?.reach, store.outcomes.outcome(one.id)?.first], [undefined, undefined]);
  });

  test('a deleted outcome comes back with its reach, its first and the plan item it landed', () => {
    const { store } = window();
    const outcome = written(store.changes.createOutcome({ text: 'Led the incident review', kind: 'impact', source: 'manual', reach: 'teams', first: true }));
    const item = written(store.changes.addPlanItem({ weekStart: WEEK, text: 'Run the incident review' }));
    written(store.changes.settlePlanItem(item.id, 'landed', outcome.id));
    const deleted = written(store.changes.deleteOutcome(outcome.id))!;
    written(store.changes.restoreOutcome(deleted));
    assert.deepEqual([store.outcomes.outcome(outcome.id)?.reach, store.outcomes.outcome(outcome.id)?.first], ['teams', true]);
    assert.deepEqual(store.plans.ofOutcome(outcome.id)?.id, item.id);
  });

  test('a week holds five planned outcomes at most; a dropped one makes room', () => {
    const { store } = window();
    const items = ['Checkout retries', 'Refunds in one click', 'Docs for the API', 'On-call runbook', 'Faster search'].map((text) => written(store.changes.addPlanItem({ weekStart: WEEK, text })));
    assert.throws(() => store.changes.addPlanItem({ weekStart: WEEK, text: 'A sixth thing' }), /A week holds at most 5 planned outcomes/);
    written(store.changes.settlePlanItem(items[2]!.id, 'dropped'));
    written(store.changes.addPlanItem({ weekStart: WEEK, text: 'A sixth thing' }));
    assert.deepEqual(
      store.plans.ofWeek(WEEK).map((item) => [item.text, item.state]),
      [['Checkout retries', 'open'], ['Refunds in one click', 'open'], ['Docs for the API', 'dropped'], ['On-call runbook', 'open'], ['Faster search', 'open'], ['A sixth thing', 'open']],
    );
    assert.deepEqual(store.plans.ofWeek(WEEK + 7 * 86_400_000), [], 'another week has its own plan');
  });

  test('a planned outcome is one line with an optional real due day; a bad one is refused with its sentence and nothing is written', () => {
    const { store } = window();
    assert.throws(() => store.changes.addPlanItem({ weekStart: WEEK, text: 'Two\nlines' }), /Keep a planned outcome to one line/);
    assert.throws(() => store.changes.addPlanItem({ weekStart: WEEK, text: 'Ship it', dueDay: '2026-02-30' }), /2026-02-30 is not a day on the calendar/);
    assert.throws(() => store.changes.addPlanItem({ weekStart: WEEK, text: 'Ship it', dueDay: 'Friday' }), /Write the day it is due as YYYY-MM-DD/);
    assert.deepEqual(store.plans.ofWeek(WEEK), []);
    const goal = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const item = written(store.changes.addPlanItem({ weekStart: WEEK, text: '  Checkout retries\tfailed payments ', goalId: goal.id, dueDay: '2026-12-04' }));
    assert.deepEqual([item.text, item.goalId, item.dueDay, item.state], ['Checkout retries failed payments', goal.id, '2026-12-04', 'open']);
    written(store.changes.editPlanItem(item.id, { goalId: null, dueDay: null }));
    assert.deepEqual([store.plans.item(item.id)?.goalId, store.plans.item(item.id)?.dueDay, store.plans.item(item.id)?.text], [null, null, 'Checkout retries failed payments']);
  });

  test('a plan item gone meanwhile (another window) is a sentence, not a crash', () => {
    const { store } = window();
    assert.throws(() => store.changes.settlePlanItem('01JXNOSUCHPLANITEM00000000', 'landed'), /no longer in the plan/);
  });

  test('a plan item settled on one machine lands the same outcome on the other, even when the outcome arrives later', () => {
    const file = tempDatabase();
    const here = window(file);
    const there = window();
    const outcome = written(here.store.changes.createOutcome({ text: 'Checkout retries failed payments', kind: 'impact', source: 'manual', reach: 'users' }));
    const item = written(here.store.changes.addPlanItem({ weekStart: WEEK, text: 'Checkout retries' }));
    written(here.store.changes.settlePlanItem(item.id, 'landed', outcome.id));
    const operations = [...here.store.operations.all()];
    // The plan first, the outcome after it.
    there.store.operations.receive(operations.filter((operation) => operation.change.type.startsWith('plan.')));
    assert.deepEqual([there.store.plans.item(item.id)?.state, there.store.plans.item(item.id)?.outcomeId], ['landed', outcome.id]);
    there.store.operations.receive(operations);
    assert.equal(there.store.outcomes.outcome(outcome.id)?.reach, 'users');
    assert.equal(there.store.operations.digest(), here.store.operations.digest());
  });

  test('growth counted by SQLite equals growth computed outcome by outcome: quarters, plan versus done and signals', () => {
    const { store } = window();
    const now = Date.UTC(2026, 11, 6, 12);
    const goal = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const days = [-700, -640, -600, -520, -480, -400, -330, -300, -250, -200, -170, -120, -90, -60, -30, -10, -3];
    days.forEach((day, index) => {
      for (let n = 0; n < 3; n++) {
        written(
          store.changes.createOutcome({
            text: `Shipped ${index}.${n}`,
            kind: n === 2 && index % 2 ? 'routine' : 'impact',
            source: 'manual',
            happenedAt: now + day * 86_400_000 + n * 3_600_000,
            reach: index % 4 === 0 ? null : REACHES[(index + n) % REACHES.length],
            first: index === 3 && n === 0,
            goalId: index % 3 ? goal.id : null,
          }),
        );
      }
    });
    const week = Date.UTC(2026, 10, 23);
    written(store.changes.addPlanItem({ weekStart: week, text: 'Checkout retries' }));
    written(store.changes.addPlanItem({ weekStart: week, text: 'Refunds' }));
    written(store.changes.settlePlanItem(store.plans.ofWeek(week)[0]!.id, 'landed'));
    const options = { weekStart: 'monday', timeZone: 'Europe/Berlin' } as const;
    const counted = new Insights(store, () => options, () => now).growth();
    const outcomes = store.log.outcomesBetween(0, now + 1).filter((outcome) => outcome.parentId === null && (outcome.kind === 'impact' || outcome.first));
    const oneByOne = growthOf({
      outcomes: outcomes.map((outcome) => ({ text: outcome.text, happenedAt: outcome.happenedAt, impact: outcome.kind === 'impact', reach: outcome.reach, first: outcome.first, repoId: outcome.repoId, goalId: outcome.goalId })),
      plans: store.plans.inRange(0, now),
      now,
      options,
    });
    assert.deepEqual(counted, oneByOne);
    assert.ok(counted.quarters.some((quarter) => quarter.marked > 0) && counted.signals.some((signal) => signal.rule === 'noFirst'), JSON.stringify(counted.signals));
  });
});
