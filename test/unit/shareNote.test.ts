/**
 * "Share Goals and Plan…": the note a manager or a peer reads, from a real store: the active goals
 * with why and target, this week's plan with what landed, nothing dropped, the user's words never markup.
 */
import * as assert from 'node:assert/strict';
import { gatherShareNote, renderShareNote } from '../../src/report/shareNote';
import { cleanupsAfterEach, openWindow, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

suite('the goals-and-plan note', () => {
  const cleanups = cleanupsAfterEach();
  const options = { weekStart: 'monday', timeZone: 'Europe/Berlin' } as const;
  const now = Date.UTC(2026, 11, 2, 10);

  const store = () => {
    const file = tempDatabase();
    const opened = openWindow(file);
    cleanups.push(() => opened.close(), () => removeDatabase(file));
    return opened.store;
  };

  test('the active goals with why and target, then this week’s plan: landed items ticked, dropped ones left out, other weeks not shown', () => {
    const log = store();
    const checkout = written(log.changes.createGoal({ title: 'Checkout converts <5%> better', why: 'Most carts are lost at payment', targetDay: '2027-03-31' }));
    const dropped = written(log.changes.createGoal({ title: 'Rewrite the CLI' }));
    written(log.changes.setGoalStatus(dropped.id, 'dropped'));
    written(log.changes.createGoal({ title: 'Calmer on-call' }));
    const week = gatherShareNote(log, now, options).week.from;
    const retries = written(log.changes.addPlanItem({ weekStart: week, text: 'Checkout retries failed payments', goalId: checkout.id, dueDay: '2026-12-04' }));
    written(log.changes.addPlanItem({ weekStart: week, text: 'On-call runbook for the queue' }));
    const gone = written(log.changes.addPlanItem({ weekStart: week, text: 'Migrate the CI' }));
    written(log.changes.settlePlanItem(retries.id, 'landed'));
    written(log.changes.settlePlanItem(gone.id, 'dropped'));
    written(log.changes.addPlanItem({ weekStart: week - 7 * 86_400_000, text: 'Last week’s plan' }));
    assert.equal(
      renderShareNote(gatherShareNote(log, now, options)),
      [
        '# Goals and plan: week of Nov 30, 2026',
        '',
        '## Goals',
        '',
        '- **Checkout converts &lt;5%&gt; better** — why: Most carts are lost at payment · target 2027-03-31',
        '- **Calmer on-call**',
        '',
        "## This week's plan",
        '',
        '- [x] Checkout retries failed payments (goal: Checkout converts &lt;5%&gt; better · due 2026-12-04 · landed)',
        '- [ ] On-call runbook for the queue',
        '',
      ].join('\n'),
    );
  });

  test('with no goals and no plan it says so, and where a plan comes from', () => {
    const text = renderShareNote(gatherShareNote(store(), now, options));
    assert.match(text, /No active goals\./);
    assert.match(text, /No plan for this week yet: the weekly review sets it\./);
  });
});
