import * as assert from 'node:assert/strict';
import type { Goal } from '../../src/core/domain';
import { InvalidInputError } from '../../src/core/errors';
import { goalTitleProblem, targetDayProblem } from '../../src/core/goalFields';
import { suggestGoal, wordsOf, type GoalHistory } from '../../src/goals/goalRules';
import { Store } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

suite('goals', () => {
  let file: string;
  let store: Store;
  let now: number;
  setup(() => {
    file = tempDatabase();
    now = Date.UTC(2026, 10, 18, 12);
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
  });
  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  test('a goal is one line, with an optional "why it matters" line and target day', () => {
    const goal = written(store.changes.createGoal({ title: '  Faster checkout ', why: 'Abandoned carts cost 3% of revenue', targetDay: '2027-03-31' }));
    assert.deepEqual([goal.title, goal.why, goal.targetDay, goal.status], ['Faster checkout', 'Abandoned carts cost 3% of revenue', '2027-03-31', 'active']);
    for (const [input, message] of [
      [{ title: '' }, /Write the goal in one line/],
      [{ title: 'Two\nlines' }, /Keep the goal to one line/],
      [{ title: 'Fine', why: 'Why\nnot' }, /why it matters to one line/],
      [{ title: 'Fine', targetDay: '2027-02-30' }, /not a day on the calendar/],
      [{ title: 'Fine', targetDay: 'next March' }, /YYYY-MM-DD/],
    ] as const) {
      assert.throws(() => written(store.changes.createGoal(input)), (error: unknown) => error instanceof InvalidInputError && message.test(error.message));
    }
    assert.equal(store.goals.activeCount(), 1, 'nothing refused was written');
  });

  test('complete, drop and restore move a goal between lists, and its outcomes keep their link', () => {
    const goal = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const outcome = written(store.changes.createOutcome({ text: 'Checkout in one page', kind: 'impact', source: 'manual', goalId: goal.id }));
    written(store.changes.setGoalStatus(goal.id, 'completed'));
    assert.deepEqual(store.goals.list(['active']), []);
    assert.equal(store.goals.list(['completed'])[0].closedAt, now);
    written(store.changes.setGoalStatus(goal.id, 'dropped'));
    written(store.changes.setGoalStatus(goal.id, 'active'));
    assert.equal(store.goals.goal(goal.id)!.closedAt, null);
    assert.equal(store.outcomes.outcome(outcome.id)!.goalId, goal.id);
  });

  test('several outcomes are linked at once, and unlinked with none', () => {
    const goal = written(store.changes.createGoal({ title: 'Reliable payments' }));
    const ids = ['Retries on timeout', 'Idempotent refunds', 'Alerting on failures'].map((text) => written(store.changes.createOutcome({ text, kind: 'impact', source: 'manual' })).id);
    assert.equal(written(store.changes.linkOutcomes(ids, goal.id)), 3);
    assert.equal(written(store.changes.linkOutcomes(ids, goal.id)), 0, 'linking again changes nothing');
    assert.deepEqual(store.goals.outcomesOf(goal.id).map((outcome) => outcome.id).sort(), [...ids].sort());
    assert.equal(written(store.changes.linkOutcomes(ids.slice(0, 2), null)), 2);
    assert.deepEqual(store.goals.outcomesOf(goal.id).map((outcome) => outcome.id), [ids[2]]);
  });

  test('progress counts top-level outcomes this week and this quarter, and when the goal last moved', () => {
    const goal = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const day = 86_400_000;
    const week = { from: now - 3 * day, to: now + 4 * day };
    const quarter = { from: now - 60 * day, to: now + 30 * day };
    written(store.changes.createOutcome({ text: 'This week', kind: 'impact', source: 'manual', happenedAt: now, goalId: goal.id }));
    written(store.changes.createOutcome({ text: 'Last month', kind: 'impact', source: 'manual', happenedAt: now - 30 * day, goalId: goal.id }));
    written(store.changes.createOutcome({ text: 'Last year', kind: 'impact', source: 'manual', happenedAt: now - 400 * day, goalId: goal.id }));
    const [progress] = store.goals.progress(week, quarter);
    assert.deepEqual([progress.inWeek, progress.inQuarter, progress.lastProgressAt], [1, 2, now]);
    const idle = written(store.changes.createGoal({ title: 'Docs people read' }));
    assert.deepEqual(store.goals.progress(week, quarter).find((entry) => entry.goal.id === idle.id), { goal: store.goals.goal(idle.id), inWeek: 0, inQuarter: 0, lastProgressAt: null });
  });

  test('the goal history reads the newest link on a branch', () => {
    const checkout = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const payments = written(store.changes.createGoal({ title: 'Reliable payments' }));
    const [a, b] = recordCommits(store, '/work/shop', [
      { sha: 'a'.repeat(40), subject: 'feat: one-page checkout', authorEmail: 'dev@example.com', authorTime: now, branch: 'feature/checkout', isMerge: false },
      { sha: 'b'.repeat(40), subject: 'fix: retry payments', authorEmail: 'dev@example.com', authorTime: now, branch: 'fix/payments', isMerge: false },
    ]);
    written(store.changes.createOutcome({ text: 'Checkout in one page', kind: 'impact', source: 'commit', commitIds: [a.id], goalId: checkout.id }));
    now += 1000;
    written(store.changes.createOutcome({ text: 'Payments retry', kind: 'impact', source: 'commit', commitIds: [b.id], goalId: payments.id }));
    assert.equal(store.goals.lastGoalOnBranch(a.repoId, 'feature/checkout'), checkout.id);
    assert.equal(store.goals.lastGoalOnBranch(a.repoId, 'fix/payments'), payments.id);
    assert.equal(store.goals.lastGoalOnBranch(a.repoId, 'feature/other'), null);
  });
});

suite('suggesting a goal', () => {
  const goal = (id: string, title: string, why: string | null = null): Goal => ({ id, title, why, targetDay: null, status: 'active', createdAt: 0, closedAt: null });
  const checkout = goal('g1', 'Faster checkout', 'Carts abandoned at payment');
  const docs = goal('g2', 'Docs people actually read');
  const history = (onBranch: string | null): GoalHistory => ({ lastGoalOnBranch: () => onBranch });

  test('the goal the branch\'s earlier outcomes were linked to comes first', () => {
    assert.equal(suggestGoal({ repoId: 'r', branch: 'feature/docs', words: ['docs: rewrite intro'] }, [checkout, docs], history('g1'))?.id, 'g1');
  });

  test('then the goal whose title, or enough of its "why", the branch and its commits share', () => {
    const work = { repoId: 'r', branch: 'feature/ABC-12-faster-checkout', words: ['fix: payment form validation'] };
    assert.equal(suggestGoal(work, [checkout, docs], history(null))?.id, 'g1');
    assert.equal(suggestGoal({ repoId: 'r', branch: null, words: ['docs: explain setup so people read it'] }, [checkout, docs], history(null))?.id, 'g2');
    assert.equal(suggestGoal({ repoId: 'r', branch: null, words: ['fix: abandoned carts email'] }, [checkout, docs], history(null))?.id, 'g1', 'two words of its why');
    assert.equal(suggestGoal({ repoId: 'r', branch: null, words: ['feat: payment icons in the footer'] }, [checkout, docs], history(null)), undefined, 'one word of a why is not enough');
  });

  test('words that say how much, not what, are no evidence', () => {
    const routing = goal('g3', 'Faster routing');
    const betterDocs = goal('g4', 'Better docs');
    assert.equal(suggestGoal({ repoId: 'r', branch: null, words: ['feat: faster startup'] }, [routing, betterDocs], history(null)), undefined);
    assert.equal(suggestGoal({ repoId: 'r', branch: null, words: ['feat: better error messages'] }, [routing, betterDocs], history(null)), undefined);
    assert.equal(suggestGoal({ repoId: 'r', branch: null, words: ['docs: routing table explained'] }, [routing, betterDocs], history(null)), undefined, 'as much for one goal as for the other: no evidence for either');
  });

  test('nothing is suggested when nothing points to a goal, or for a goal that is no longer active', () => {
    assert.equal(suggestGoal({ repoId: 'r', branch: null, words: ['chore: bump deps'] }, [checkout, docs], history(null)), undefined);
    assert.equal(suggestGoal({ repoId: 'r', branch: 'feature/x', words: [] }, [docs], history('g1')), undefined);
    assert.equal(suggestGoal({ repoId: 'r', branch: null, words: ['faster checkout'] }, [], history(null)), undefined);
  });

  test('words ignore prefixes, ticket keys, small words and words of degree, and fold plurals', () => {
    assert.deepEqual([...wordsOf('feature/ABC-12-faster-payments for the checkout')].sort(), ['abc', 'checkout', 'payment']);
    assert.deepEqual([...wordsOf('docs(test): perf builds')].sort(), ['build', 'docs', 'perf', 'test'], 'kinds of change that are also topics stay');
  });

  test('titles and target days are checked with one sentence each', () => {
    assert.equal(goalTitleProblem('Faster checkout'), undefined);
    assert.match(goalTitleProblem('\u200b\u200b') ?? '', /invisible characters/);
    assert.equal(targetDayProblem(''), undefined);
    assert.equal(targetDayProblem('2027-12-31'), undefined);
  });
});

suite('a goal\'s target day', () => {
  test('a target day before today is refused as it is set, in one sentence; the day an overdue goal already has is kept', () => {
    const today = '2026-11-18';
    assert.equal(targetDayProblem('2026-11-18', { today, current: null }), undefined, 'today is fine');
    assert.equal(targetDayProblem('2027-03-31', { today, current: null }), undefined);
    assert.equal(targetDayProblem('', { today, current: null }), undefined);
    assert.equal(targetDayProblem('2025-11-30', { today, current: null }), '2025-11-30 is already past (today is 2026-11-18): write a later day, or leave it empty.');
    assert.equal(targetDayProblem(' 2026-10-31 ', { today, current: '2026-10-31' }), undefined, 'editing an overdue goal keeps its day');
    assert.match(targetDayProblem('2026-10-30', { today, current: '2026-10-31' }) ?? '', /^2026-10-30 is already past/, 'but does not move it to another past day');
    assert.match(targetDayProblem('2025-02-30', { today, current: null }) ?? '', /not a day on the calendar/, 'a day that does not exist says so first');
  });
});
