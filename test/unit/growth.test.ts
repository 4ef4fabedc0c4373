/**
 * Issue 23: whether the work is growing, on synthetic years. Reach per quarter, firsts, plan
 * versus done, and each signal: present when its pattern is there, absent when it is not.
 */
import * as assert from 'node:assert/strict';
import type { PlanItem, Reach } from '../../src/core/domain';
import { matchingPlanItem, planOverlap } from '../../src/core/planRules';
import { growthOf, type GrowthOutcome } from '../../src/insights/growth';

const options = { weekStart: 'monday', timeZone: 'UTC' } as const;
/** Sunday 2026-12-06, noon: Q4 2026, the second half of 2026. */
const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;

/** `count` shipped outcomes spread over [from, to), `beyond` of them reaching other teams or users, the rest the team. */
function quarter(from: number, to: number, count: number, beyond: number, extra: Partial<GrowthOutcome> = {}): GrowthOutcome[] {
  return Array.from({ length: count }, (_, index) => ({
    text: `Outcome ${from} ${index}`,
    happenedAt: from + Math.floor(((to - from) * (index + 0.5)) / count),
    impact: true,
    reach: (index < beyond ? (index % 2 ? 'users' : 'teams') : 'team') as Reach,
    repoId: 'repo-a',
    goalId: 'goal-1',
    ...extra,
  }));
}

const Q = {
  q1_2025: [Date.UTC(2025, 0, 1), Date.UTC(2025, 3, 1)],
  q2_2025: [Date.UTC(2025, 3, 1), Date.UTC(2025, 6, 1)],
  q1: [Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1)],
  q2: [Date.UTC(2026, 3, 1), Date.UTC(2026, 6, 1)],
  q3: [Date.UTC(2026, 6, 1), Date.UTC(2026, 9, 1)],
  q4: [Date.UTC(2026, 9, 1), Date.UTC(2026, 11, 6)],
} as const;

const rules = (outcomes: GrowthOutcome[], plans: PlanItem[] = []) => growthOf({ outcomes, plans, now: NOW, options }).signals.map((signal) => signal.rule);

suite('is the work growing', () => {
  test('reach per quarter counts shipped impact by who it reached, beyond the team apart, and firsts', () => {
    const outcomes = [...quarter(Q.q3[0], Q.q3[1], 10, 4), { text: 'First talk', happenedAt: Q.q3[0] + DAY, impact: false, first: true, repoId: null, goalId: null }, { text: 'Unmarked', happenedAt: Q.q3[0] + 2 * DAY, impact: true, repoId: null, goalId: null }];
    const { quarters } = growthOf({ outcomes, plans: [], now: NOW, options });
    assert.deepEqual(quarters.map((q) => q.label), ['Q1 2025', 'Q2 2025', 'Q3 2025', 'Q4 2025', 'Q1 2026', 'Q2 2026', 'Q3 2026', 'Q4 2026']);
    const q3 = quarters[6]!;
    assert.deepEqual([q3.impact, q3.marked, q3.beyondTeam, q3.firsts], [11, 10, 4, 1]);
    assert.deepEqual(q3.byReach, { me: 0, team: 6, teams: 2, users: 2, organisation: 0 });
  });

  test('a flat-reach year: high output two quarters running with the same share beyond the team is said, with both quarters as evidence', () => {
    const outcomes = [...quarter(Q.q2[0], Q.q2[1], 15, 3), ...quarter(Q.q3[0], Q.q3[1], 16, 3), { text: 'Gave a first talk', happenedAt: Q.q4[0] + DAY, impact: true, first: true, repoId: 'repo-a', goalId: null }];
    const signals = growthOf({ outcomes, plans: [], now: NOW, options }).signals;
    const flat = signals.find((signal) => signal.rule === 'flatReach');
    assert.ok(flat, JSON.stringify(signals));
    assert.equal(flat.sentence, 'High output, reach unchanged: 15 and 16 shipped outcomes in Q2 2026 and Q3 2026, and the share reaching beyond your team stayed at 20% → 19%');
    assert.deepEqual(flat.evidence, ['Q2 2026: 15 shipped, 15 say who they reached, 3 beyond your team (20%)', 'Q3 2026: 16 shipped, 16 say who they reached, 3 beyond your team (19%)']);
    assert.equal(flat.positive, false);
  });

  test('a growing year: reach beyond the team doubled this half is said, and flat reach is not', () => {
    const outcomes = [...quarter(Q.q1[0], Q.q1[1], 10, 1), ...quarter(Q.q2[0], Q.q2[1], 14, 2), ...quarter(Q.q3[0], Q.q3[1], 14, 6), ...quarter(Q.q4[0], Q.q4[1], 10, 5)];
    const growth = growthOf({ outcomes, plans: [], now: NOW, options });
    assert.deepEqual(growth.signals.map((signal) => signal.rule).filter((rule) => rule !== 'noFirst'), ['reachGrew']);
    const grew = growth.signals.find((signal) => signal.rule === 'reachGrew')!;
    assert.equal(grew.sentence, 'Reach beyond your team doubled this half: 13% → 46% of shipped impact that says who it reached');
    assert.equal(grew.positive, true);
  });

  test('high output with nobody saying who it reached is not called flat: the signal needs reach said for half of it', () => {
    const outcomes = [...quarter(Q.q2[0], Q.q2[1], 15, 3), ...quarter(Q.q3[0], Q.q3[1], 16, 3)].map((outcome, index) => (index % 3 ? { ...outcome, reach: undefined } : outcome));
    assert.equal(rules(outcomes).includes('flatReach'), false);
  });

  test('a year with no firsts: "no first in six months" names the last first; a first in October ends it; a young log is not judged', () => {
    const year = [...quarter(Q.q1[0], Q.q1[1], 6, 0), ...quarter(Q.q2[0], Q.q2[1], 6, 0), ...quarter(Q.q3[0], Q.q3[1], 6, 0), ...quarter(Q.q4[0], Q.q4[1], 6, 0)];
    const withFebruaryFirst = [...year, { text: 'Led the design review for the first time', happenedAt: Date.UTC(2026, 1, 10), impact: true, first: true, repoId: null, goalId: null }];
    const noFirst = growthOf({ outcomes: withFebruaryFirst, plans: [], now: NOW, options }).signals.find((signal) => signal.rule === 'noFirst');
    assert.ok(noFirst);
    assert.equal(noFirst.sentence, 'No first in six months: nothing in the last 14 shipped outcomes was marked as something you had not done before');
    assert.deepEqual(noFirst.evidence, ['The last first: “Led the design review for the first time”, 2026-02-10']);
    assert.equal(rules([...year, { text: 'First on-call lead', happenedAt: Date.UTC(2026, 9, 20), impact: true, first: true, repoId: null, goalId: null }]).includes('noFirst'), false);
    assert.equal(rules(quarter(Q.q4[0], Q.q4[1], 20, 0)).includes('noFirst'), false, 'two months of log');
  });

  test('the same repositories and goals as a year ago with reach unchanged is said; new repositories or a wider reach end it', () => {
    const lastYear = [...quarter(Q.q1_2025[0], Q.q1_2025[1], 12, 2), ...quarter(Q.q2_2025[0], Q.q2_2025[1], 12, 3)];
    const thisYear = [...quarter(Q.q1[0], Q.q1[1], 12, 3), ...quarter(Q.q2[0], Q.q2[1], 12, 2)];
    const same = growthOf({ outcomes: [...lastYear, ...thisYear], plans: [], now: NOW, options }).signals.find((signal) => signal.rule === 'sameAsYearAgo');
    assert.ok(same);
    assert.equal(same.sentence, 'H1 2026 looks like H1 2025: the same 1 repository and 1 goal, and 21% → 21% of shipped impact reaching beyond your team');
    const moved = thisYear.map((outcome, index) => (index % 2 ? { ...outcome, repoId: 'repo-b', goalId: 'goal-2' } : outcome));
    assert.equal(rules([...lastYear, ...moved]).includes('sameAsYearAgo'), false, 'new repositories and goals');
    const wider = [...quarter(Q.q1[0], Q.q1[1], 12, 8), ...quarter(Q.q2[0], Q.q2[1], 12, 8)];
    assert.equal(rules([...lastYear, ...wider]).includes('sameAsYearAgo'), false, 'reach widened');
  });

  test('plan versus done counts each week as the next review settled it; this week is shown but not yet counted', () => {
    const week = (offset: number) => Date.UTC(2026, 10, 30) - offset * 7 * DAY;
    const item = (weekStart: number, state: PlanItem['state'], n: number): PlanItem => ({ id: `${weekStart}-${n}`, weekStart, text: `Item ${n}`, goalId: null, dueDay: null, state, outcomeId: null });
    const plans = [item(week(2), 'landed', 1), item(week(2), 'landed', 2), item(week(2), 'moved', 3), item(week(1), 'landed', 1), item(week(1), 'dropped', 2), item(week(1), 'open', 3), item(week(0), 'landed', 1), item(week(0), 'open', 2)];
    const growth = growthOf({ outcomes: [], plans, now: NOW, options });
    assert.deepEqual(
      growth.planWeeks.map((w) => [new Date(w.weekStart).toISOString().slice(0, 10), w.planned, w.landed, w.moved, w.dropped, w.open]),
      [['2026-11-16', 3, 2, 1, 0, 0], ['2026-11-23', 2, 1, 0, 1, 1], ['2026-11-30', 2, 1, 0, 0, 1]],
    );
    assert.deepEqual(growth.planDone, { landed: 3, planned: 5 });
  });
});

suite('matching an outcome to the week’s plan', () => {
  const item = (id: string, text: string, goalId: string | null = null, state: PlanItem['state'] = 'open'): PlanItem => ({ id, weekStart: 0, text, goalId, dueDay: null, state, outcomeId: null });
  const plan = [item('a', 'Checkout retries failed payments', 'g-checkout'), item('b', 'On-call runbook for the queue'), item('c', 'Search answers in 200 ms', 'g-search'), item('d', 'Refund button', null, 'landed')];

  test('an outcome is matched to the open item whose words it says most', () => {
    assert.equal(matchingPlanItem({ text: 'Failed payments at checkout are retried twice', goalId: null }, plan)?.id, 'a');
    assert.equal(matchingPlanItem({ text: 'Wrote the queue runbook for on-call', goalId: null }, plan)?.id, 'b');
  });

  test('a shared goal counts, but words must still touch; an item that landed already is not offered', () => {
    assert.equal(matchingPlanItem({ text: 'Search index warmed at deploy', goalId: 'g-search' }, plan)?.id, 'c');
    assert.equal(matchingPlanItem({ text: 'Mentored Ana', goalId: 'g-search' }, plan), undefined);
    assert.equal(matchingPlanItem({ text: 'Refund button for support', goalId: null }, plan), undefined);
  });

  test('words that say little ("fixed the", "added") do not make a match', () => {
    assert.equal(planOverlap('Fixed the thing and added more', 'Fixed the login'), 0);
  });
});
