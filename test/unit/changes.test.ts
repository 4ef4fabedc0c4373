/**
 * Every change a person makes to the log goes through one typed API (`Store.changes`): each
 * change is one transaction that raises "log changed" once, a change that fails changes nothing,
 * and what a change creates carries the id chosen before it was made. Real SQLite files.
 */
import * as assert from 'node:assert/strict';
import type { LogChange } from '../../src/storage/store';
import { cleanupsAfterEach, openWindow, recordCommits, removeDatabase, tempDatabase, type Window } from '../support/harness';
import { written } from '../support/written';

suite('the one way to change the log', () => {
  const cleanups = cleanupsAfterEach();

  const window = (): Window => {
    const file = tempDatabase();
    const opened = openWindow(file);
    cleanups.push(() => opened.close(), () => removeDatabase(file));
    return opened;
  };

  /** How many times the log said it changed while `work` ran. */
  const changesDuring = (opened: Window, work: () => unknown): number => {
    let fired = 0;
    const listener = opened.store.onDidChange(() => fired++);
    try {
      work();
    } finally {
      listener.dispose();
    }
    return fired;
  };

  test('each kind of change is one transaction that says "log changed" once', () => {
    const opened = window();
    const { store } = opened;
    const [waiting, other] = recordCommits(store, '/repo', [
      { sha: 'a'.repeat(40), subject: 'feat: one', authorEmail: 'dev@example.com', authorTime: Date.UTC(2026, 2, 2), branch: 'main', isMerge: false },
      { sha: 'b'.repeat(40), subject: 'feat: two', authorEmail: 'dev@example.com', authorTime: Date.UTC(2026, 2, 2), branch: 'main', isMerge: false },
    ]);
    const goal = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const outcome = written(store.changes.createOutcome({ text: 'Checkout in one step', kind: 'impact', source: 'commit', commitIds: [waiting.id] }));
    const week = { start: outcome.happenedAt - 1000, end: outcome.happenedAt + 1000 };
    const changes: [string, () => unknown][] = [
      ['create an outcome', () => store.changes.createOutcome({ text: 'Mentored a new engineer', kind: 'impact', source: 'manual' })],
      ['edit an outcome', () => store.changes.editOutcome(outcome.id, { text: 'Checkout in one step for every card', kind: 'routine' })],
      ['link outcomes to a goal', () => store.changes.linkOutcomes([outcome.id], goal.id)],
      ['settle commits', () => store.changes.settleCommits([other.id], 'routine')],
      ['add a goal', () => store.changes.createGoal({ title: 'Better docs' })],
      ['edit a goal', () => store.changes.editGoal(goal.id, { why: 'Customers leave at the second step' })],
      ['complete a goal', () => store.changes.setGoalStatus(goal.id, 'completed')],
      ['save a review', () => store.changes.saveReview({ week, answers: { movedForward: 'Checkout', busyWork: null, nextFocus: null }, highlights: [outcome.id] })],
      ['mark who outcomes reached', () => store.changes.markOutcomes([outcome.id], { reach: 'users', first: true })],
      ['plan an outcome', () => store.changes.addPlanItem({ weekStart: week.start, text: 'Checkout retries failed payments' })],
      ['settle a plan item', () => store.changes.settlePlanItem(store.plans.ofWeek(week.start)[0]!.id, 'landed', outcome.id)],
    ];
    for (const [what, change] of changes) assert.equal(changesDuring(opened, change), 1, what);
    const deleted = written(store.changes.deleteOutcome(outcome.id))!;
    assert.equal(changesDuring(opened, () => store.changes.restoreOutcome(deleted)), 1, 'restore an outcome');
  });

  test('what a change creates has the id chosen before it was made', () => {
    const { store } = window();
    const change: LogChange = { type: 'outcome.create', id: '01JXCHOSEN00000000000000AA', outcome: { text: 'Wrote the on-call guide', kind: 'impact', source: 'manual' } };
    assert.equal(written(store.changes.apply(change))?.id, '01JXCHOSEN00000000000000AA');
    const goal = written(store.changes.apply({ type: 'goal.create', id: '01JXCHOSEN00000000000000BB', goal: { title: 'Calmer on-call' } }));
    assert.equal(goal.id, '01JXCHOSEN00000000000000BB');
  });

  test('a change that fails changes nothing and says nothing changed', () => {
    const opened = window();
    const { store } = opened;
    const outcome = written(store.changes.createOutcome({ text: 'Mentored a new engineer', kind: 'impact', source: 'manual' }));
    const fired = changesDuring(opened, () => assert.throws(() => store.changes.linkOutcomes([outcome.id], '01JXNOSUCHGOAL000000000000'), /no longer exists/));
    assert.equal(fired, 0);
    assert.equal(store.outcomes.outcome(outcome.id)?.goalId, null);
    assert.throws(() => store.changes.createGoal({ title: '' }), /Write the goal in one line/);
    assert.deepEqual(store.goals.list(), []);
  });
});
