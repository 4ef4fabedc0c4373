import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HistoryImporter } from '../../src/capture/historyImport';
import { weekOf, type WeekOptions } from '../../src/core/weeks';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { NamingWorkflow } from '../../src/naming/naming';
import { NO_ANSWERS } from '../../src/core/reviewAnswers';
import { ReviewNudger } from '../../src/review/nudger';
import { nudgeSettings } from '../../src/review/nudgeTiming';
import { reviewDraftTarget, ReviewWorkflow } from '../../src/review/reviewWorkflow';
import { signalSentences } from '../../src/insights/sentences';
import { Store } from '../../src/storage/store';
import { cleanupsAfterEach, MemoryLogger, openWindow, recordCommits, removeDatabase, seenRepo, tempDatabase } from '../support/harness';
import { createTestRepo } from '../support/testRepo';
import { written } from '../support/written';

const options: WeekOptions = { weekStart: 'monday', timeZone: 'Europe/Berlin' };
// Friday 2026-11-20, 16:00 in Berlin.
const friday = Date.UTC(2026, 10, 20, 15);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const week = weekOf(friday, options);

function memoryState() {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key: string, value: unknown) => void values.set(key, value) };
}

const commit = (sha: string, subject: string, authorTime = friday - 2 * HOUR) => ({ sha: sha.repeat(40), subject, authorEmail: 'dev@example.com', authorTime, branch: 'main', isMerge: false });

suite('the weekly review, whatever shows it', () => {
  let file: string;
  let store: Store;
  let now: number;
  let review: ReviewWorkflow;
  let naming: NamingWorkflow;
  const signals: string[] = [];

  setup(() => {
    file = tempDatabase();
    now = friday;
    const logger = new MemoryLogger();
    store = Store.open(file, { logger, now: () => now });
    naming = new NamingWorkflow(store, logger, memoryState(), () => now);
    signals.length = 0;
    review = new ReviewWorkflow(store, naming, () => options, () => now, () => signals);
  });

  teardown(() => {
    store.close();
    removeDatabase(file);
  });

  test('the plan: next week gets up to five intended outcomes, this week’s are settled, one moved on is planned again for next week', () => {
    const checkout = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const landed = written(store.changes.createOutcome({ text: 'Checkout retries failed payments', kind: 'impact', source: 'manual', happenedAt: friday - DAY }));
    const [retries, runbook, ci] = ['Checkout retries', 'On-call runbook', 'Migrate the CI'].map((text) => written(store.changes.addPlanItem({ weekStart: week.start, text, goalId: text.startsWith('Checkout') ? checkout.id : null })));
    written(store.changes.settlePlanItem(retries!.id, 'landed', landed.id));
    assert.deepEqual(review.planSettle(week, runbook!.id, 'moved'), { ok: true, state: 'saved' });
    assert.deepEqual(review.planSettle(week, ci!.id, 'dropped'), { ok: true, state: 'saved' });
    assert.deepEqual(review.planAdd(week, 'Refunds in one click', checkout.id, '2026-11-27'), { ok: true, state: 'saved' });
    const { plan } = review.model(week);
    assert.deepEqual(
      plan.thisWeek.map((card) => [card.text, card.state, card.goal, card.landedAs]),
      [['Checkout retries', 'landed', 'Faster checkout', 'Checkout retries failed payments'], ['On-call runbook', 'moved', null, null], ['Migrate the CI', 'dropped', null, null]],
    );
    assert.deepEqual(plan.nextWeek.map((card) => [card.text, card.state, card.goal, card.dueDay]), [['On-call runbook', 'open', null, null], ['Refunds in one click', 'open', 'Faster checkout', '2026-11-27']]);
    assert.equal(plan.nextWeekLabel, 'Nov 23 – 29');
    assert.equal(plan.doneRate, '1 of 2 planned outcomes landed in the last week');
    assert.deepEqual(plan.goals, [{ id: checkout.id, title: 'Faster checkout' }]);
  });

  test('the plan refuses a sixth item and a bad line with their sentences, and a move into a full week leaves the item as it was', () => {
    for (const text of ['One', 'Two', 'Three', 'Four', 'Five']) assert.equal(review.planAdd(week, `Planned ${text}`, null, null).ok, true);
    assert.deepEqual(review.planAdd(week, 'Six', null, null), { ok: false, problem: 'A week holds at most 5 planned outcomes: drop one, or fold two into one.' });
    assert.deepEqual(review.planAdd(week, 'Two\nlines', null, null), { ok: false, problem: 'Keep a planned outcome to one line: what should have moved forward by the end of the week.' });
    const item = written(store.changes.addPlanItem({ weekStart: week.start, text: 'Carried over' }));
    assert.equal(review.planSettle(week, item.id, 'moved').ok, false);
    assert.equal(store.plans.item(item.id)?.state, 'open');
  });

  test('firsts: the week’s outcomes are asked about, and one is marked and unmarked', () => {
    const talk = written(store.changes.createOutcome({ text: 'Gave my first conference talk', kind: 'impact', source: 'manual', happenedAt: friday - DAY }));
    assert.match(review.model(week).firstsQuestion, /^Anything you did for the first time\?/);
    assert.deepEqual(review.markFirst(talk.id, true), { ok: true, state: 'saved' });
    assert.equal(review.model(week).candidates.find((card) => card.id === talk.id)?.first, true);
    review.markFirst(talk.id, false);
    assert.equal(review.model(week).candidates.find((card) => card.id === talk.id)?.first, undefined);
  });

  test('reach: each shipped outcome says who it reached or what its words suggest; several are set at once; routine work and deleted outcomes are left alone', () => {
    const platform = written(store.changes.createGoal({ title: 'Paved road for other teams' }));
    const [customers, template, cache] = [
      ['Checkout retries failed payments for customers', null],
      ['Deploy template in one file', platform.id],
      ['Route table cached at start', null],
    ].map(([text, goalId]) => written(store.changes.createOutcome({ text: text!, kind: 'impact', source: 'manual', happenedAt: friday - DAY, goalId })));
    const chore = written(store.changes.createOutcome({ text: 'Rotated the on-call schedule for the team', kind: 'routine', source: 'manual', happenedAt: friday - DAY }));
    const cards = () => new Map(review.model(week).candidates.map((card) => [card.id, card]));
    assert.deepEqual([customers, template, cache, chore].map((outcome) => [cards().get(outcome.id)?.reach, cards().get(outcome.id)?.suggestedReach]), [
      [undefined, 'users'],
      [undefined, 'teams'],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    assert.deepEqual(review.setReach(week, [customers.id, cache.id, chore.id], 'organisation'), { ok: true, state: 'saved' });
    assert.deepEqual([customers, cache, chore].map((outcome) => store.outcomes.outcome(outcome.id)?.reach ?? null), ['organisation', 'organisation', null]);
    assert.deepEqual([cards().get(customers.id)?.reach, cards().get(customers.id)?.suggestedReach], ['organisation', undefined], 'said: no suggestion beside it');
    assert.deepEqual(review.setReach(week, [customers.id], null), { ok: true, state: 'saved' });
    assert.equal(store.outcomes.outcome(customers.id)?.reach ?? null, null);
    written(store.changes.deleteOutcome(template.id));
    assert.deepEqual(review.setReach(week, [template.id, chore.id], 'teams'), { ok: false, problem: 'Only shipped impact carries a reach, and none of those outcomes is still shipped impact in the log.' });
    const earlier = written(store.changes.createOutcome({ text: 'Checkout for customers, a month ago', kind: 'impact', source: 'manual', happenedAt: friday - 30 * DAY }));
    assert.equal(review.setReach(week, [earlier.id], 'users').ok, false, 'an outcome of another week is not the page\'s to mark');
    assert.equal(store.outcomes.outcome(earlier.id)?.reach ?? null, null);
  });

  test('the week at a glance counts shipped, routine, commits and what waits; outcomes by goal and the goals that did not move', () => {
    const checkout = written(store.changes.createGoal({ title: 'Faster checkout' }));
    const docs = written(store.changes.createGoal({ title: 'Docs people read' }));
    written(store.changes.createOutcome({ text: 'Docs index rewritten', kind: 'impact', source: 'manual', happenedAt: friday - 20 * DAY, goalId: docs.id }));
    // Three pieces of work, each recorded in a scan of its own.
    const [named, , waiting] = [commit('a', 'feat: one-page checkout'), commit('b', 'chore: bump eslint'), commit('c', 'feat: saved searches')].map((one) => recordCommits(store, '/work/shop', [one])[0]);
    written(store.changes.createOutcome({ text: 'Checkout fits on one page', kind: 'impact', source: 'commit', commitIds: [named.id], goalId: checkout.id }));
    written(store.changes.createOutcome({ text: 'Mentored Sam', kind: 'impact', source: 'manual', happenedAt: friday - DAY }));
    naming.settle(naming.waiting().find((batch) => batch.commits[0].subject === 'chore: bump eslint')!, 'routine');
    const model = review.model(week);
    assert.deepEqual([model.week.label, model.week.range], ['This week', 'Nov 16 – 22']);
    assert.deepEqual(model.glance, { shipped: 2, routine: 1, commits: 3, waiting: 1, inProgress: 0, unnamedRoutine: '1 commit in shop' });
    assert.deepEqual(model.goals.moved.map((goal) => [goal.title, goal.outcomes.map((outcome) => outcome.text)]), [['Faster checkout', ['Checkout fits on one page']]]);
    assert.deepEqual(model.goals.notTied.map((outcome) => outcome.text), ['Mentored Sam']);
    assert.deepEqual(model.goals.idle, [{ id: docs.id, title: 'Docs people read', lastMoved: 'last moved Oct 31' }]);
    assert.equal(model.impact.find((outcome) => outcome.text === 'Checkout fits on one page')?.goal, 'Faster checkout');
    assert.deepEqual(model.waiting.map((card) => [card.title, card.value, card.kind]), [['feat: saved searches', 'Saved searches', 'impact']]);
    assert.deepEqual(model.waiting[0].commits, [{ sha: waiting.sha.slice(0, 7), subject: 'feat: saved searches' }]);
    assert.deepEqual(model.signals, []);
  });

  test('waiting work is named right there, under the same rules as the prompt', () => {
    recordCommits(store, '/work/shop', [commit('c', 'feat: saved searches')]);
    const [card] = review.model(week).waiting;
    assert.deepEqual(review.name(card.key, 'Saved\nsearches', 'impact'), { ok: false, problem: 'Keep it to one line: what moved forward, and why it matters.' });
    assert.match(review.problem('line', 'x'.repeat(201))!, /201 characters; keep it to 200/);
    review.keepWorkDraft(card.key, 'Saved searches for support');
    assert.equal(review.model(week).waiting[0].value, 'Saved searches for support', 'the draft is the one the prompt shows too');
    assert.deepEqual(review.name(card.key, 'Support finds repeat tickets in one click', 'impact'), { ok: true, state: 'saved' });
    const model = review.model(week);
    assert.deepEqual([model.waiting.length, model.impact.map((outcome) => outcome.text)], [0, ['Support finds repeat tickets in one click']]);
    assert.deepEqual(review.name(card.key, 'Again', 'impact'), { ok: false, problem: 'That work already has a name (perhaps from another window).' });
  });

  test('waiting work is named with the goal its card shows: what the work and its line point to, which follows the line as typed; a goal no longer active is refused and nothing is named', () => {
    const search = written(store.changes.createGoal({ title: 'Search support trusts' }));
    const billing = written(store.changes.createGoal({ title: 'Quarterly billing' }));
    recordCommits(store, '/work/shop', [commit('c', 'feat: saved searches for support')]);
    recordCommits(store, '/work/shop', [commit('d', 'chore(deps): bump search client', friday - 3 * HOUR)]);
    recordCommits(store, '/work/shop', [commit('e', 'feat: invoices page', friday - 4 * HOUR)]);
    const cards = review.model(week).waiting;
    const card = (title: string) => cards.find((candidate) => candidate.title === title)!;
    const [feature, upkeep, invoices] = [card('feat: saved searches for support'), card('chore(deps): bump search client'), card('feat: invoices page')];
    assert.deepEqual([feature.goalId, feature.kind], [search.id, 'impact']);
    // Upkeep is suggested as routine, which the page offers no goal; counted as shipped impact, its words point to a goal.
    assert.deepEqual([upkeep.goalId, upkeep.kind], [search.id, 'routine']);
    assert.equal(invoices.goalId, null, 'no goal on no evidence');
    assert.equal(review.goalFor(invoices.key, 'Quarterly billing sends its invoices by itself'), billing.id, 'the line as typed points to a goal');
    assert.equal(review.goalFor(invoices.key, 'Invoices page loads at once'), null);
    assert.deepEqual(review.name(upkeep.key, 'Search client up to date', 'routine', null), { ok: true, state: 'saved' });
    written(store.changes.setGoalStatus(billing.id, 'completed'));
    assert.deepEqual([review.activeGoalTitle(search.id), review.activeGoalTitle(billing.id), review.activeGoalTitle(null)], ['Search support trusts', null, null], 'what Suggest is told the line should move');
    assert.deepEqual(review.name(feature.key, 'Support finds repeat tickets in one click', 'impact', billing.id), {
      ok: false,
      problem: 'That goal is no longer active, perhaps changed in another window: pick another goal or none.',
    });
    assert.equal(review.model(week).waiting.length, 2, 'nothing was named');
    assert.deepEqual(review.name(feature.key, 'Support finds repeat tickets in one click', 'impact', search.id), { ok: true, state: 'saved' });
    const model = review.model(week);
    assert.deepEqual(model.impact.map((outcome) => [outcome.text, outcome.goal]), [['Support finds repeat tickets in one click', 'Search support trusts']]);
    assert.deepEqual(model.routine.map((outcome) => [outcome.text, outcome.goal]), [['Search client up to date', null]]);
    assert.equal(review.goalFor(feature.key, 'anything'), null, 'no longer waiting: no goal to offer');
  });

  test('waiting work can be settled as routine or skipped from the review', () => {
    for (const one of [commit('c', 'chore: tidy'), commit('d', 'wip', friday - 3 * DAY)]) recordCommits(store, '/work/shop', [one]);
    const [first, second] = review.model(week).waiting;
    assert.deepEqual(review.settle(first.key, 'routine'), { ok: true, state: 'saved' });
    assert.deepEqual(review.settle(second.key, 'skipped'), { ok: true, state: 'saved' });
    assert.deepEqual(review.model(week).glance.waiting, 0);
  });

  test('lines that are still just the commit subject are pointed out, and sharpened in place', () => {
    const [a, b] = [commit('a', 'fix(checkout): retry payments on gateway timeout'), commit('b', 'feat: saved searches')].map((one) => recordCommits(store, '/work/shop', [one])[0]);
    const echo = written(store.changes.createOutcome({ text: 'Retry payments on gateway timeout', kind: 'impact', source: 'commit', commitIds: [a.id] }));
    written(store.changes.createOutcome({ text: 'Support finds repeat tickets in one click', kind: 'impact', source: 'commit', commitIds: [b.id] }));
    const { question, lines } = review.model(week).sharpen;
    assert.equal(question, 'This reads like activity: what changed, and for whom?');
    assert.deepEqual(lines.map((line) => [line.id, line.why]), [[echo.id, 'Repeats fix(checkout): retry payments on gateway timeout']]);
    assert.deepEqual(review.sharpen(echo.id, 'Two\nlines'), { ok: false, problem: 'Keep it to one line: what moved forward, and why it matters.' });
    assert.deepEqual(review.sharpen(echo.id, 'Checkout survives gateway timeouts instead of dropping the order'), { ok: true, state: 'saved' });
    assert.deepEqual(review.model(week).sharpen.lines, []);
  });

  test('shipped lines that only say what was done are pointed out too, whoever wrote them; routine lines never are', () => {
    const [ci] = [commit('a', 'ci: run the suite on Node 24')].map((one) => recordCommits(store, '/work/shop', [one])[0]);
    const prefixed = written(store.changes.createOutcome({ text: 'chore: update CI node versions', kind: 'impact', source: 'commit', commitIds: [ci.id] }));
    const byHand = written(store.changes.createOutcome({ text: 'Refactored code', kind: 'impact', source: 'manual', happenedAt: friday - DAY }));
    written(store.changes.createOutcome({ text: 'Closed 12 tickets', kind: 'routine', source: 'manual', happenedAt: friday - DAY }));
    written(store.changes.createOutcome({ text: 'Mentored Sam through his first on-call week', kind: 'impact', source: 'manual', happenedAt: friday - DAY }));
    const lines = review.model(week).sharpen.lines;
    assert.deepEqual(
      lines.map((line) => [line.id, line.why]).sort(),
      [
        [prefixed.id, 'Starts like a commit message (chore:)'],
        [byHand.id, 'Says that work happened, not what it changed'],
      ].sort(),
    );
  });

  test('what was typed is kept as a draft until saved; saving stores the review and drops the draft', () => {
    const outcome = written(store.changes.createOutcome({ text: 'Refunds take one click', kind: 'impact', source: 'manual', happenedAt: friday - DAY }));
    const form = { answers: { ...NO_ANSWERS, movedForward: 'Refunds shipped\n' }, highlights: [outcome.id] };
    review.keepForm(week, form);
    const reopened = new ReviewWorkflow(store, naming, () => options, () => now).model(week);
    assert.deepEqual([reopened.form.from, reopened.form.answers.movedForward, reopened.form.highlights], ['draft', 'Refunds shipped\n', [outcome.id]]);
    assert.deepEqual(review.save(week, form), { ok: true, state: 'saved' });
    assert.equal(store.drafts.get(reviewDraftTarget(week)), null);
    const saved = review.model(week);
    assert.deepEqual([saved.form.from, saved.form.answers.movedForward, saved.saved?.label], ['saved', 'Refunds shipped', 'Reviewed Nov 20, 16:00']);
    review.keepForm(week, { answers: { ...NO_ANSWERS, movedForward: 'Refunds shipped' }, highlights: [outcome.id] });
    assert.equal(store.drafts.get(reviewDraftTarget(week)), null, 'a form equal to the saved review is no draft');
  });

  test('an answer that cannot be saved is refused with a sentence, and the typed text stays in the draft', () => {
    const form = { answers: { ...NO_ANSWERS, busyWork: 'a\nb\nc\nd\ne\nf' }, highlights: [] };
    review.keepForm(week, form);
    assert.deepEqual(review.save(week, form), { ok: false, problem: 'Keep it to a few lines: that is 6, at most 5.' });
    assert.equal(review.model(week).form.answers.busyWork, 'a\nb\nc\nd\ne\nf');
    assert.equal(review.problem('answer', 'fine'), undefined);
  });

  test('a draft nobody can read does not stop the review from opening', () => {
    store.drafts.set(reviewDraftTarget(week), '{not json');
    assert.equal(review.model(week).form.from, 'new');
  });

  test('the signals slot shows what a signal source gives, and nothing without one', () => {
    signals.push('Shipped impact fell for the third week');
    assert.deepEqual(review.model(week).signals, ['Shipped impact fell for the third week']);
  });

  test('a signal that appeared reads as it is; one that ended says so', () => {
    const signal = (sentence: string) => ({ key: sentence, rule: 'goalQuiet' as const, sentence, evidence: [], weeks: [] });
    assert.deepEqual(
      signalSentences([
        { change: 'appeared', signal: signal('Routine activity is 70% of the last 4 weeks') },
        { change: 'ended', signal: signal('No outcome for “Docs” since it was set 4 weeks ago') },
      ]),
      ['Routine activity is 70% of the last 4 weeks', 'No longer true: No outcome for “Docs” since it was set 4 weeks ago'],
    );
  });
});

suite('the weekly review on a real repository', () => {
  const cleanups = cleanupsAfterEach();

  test('waiting work reset away since the review showed it is said to be gone, in one sentence, not "already has a name"', async () => {
    const { repo, window } = await seenRepo(cleanups);
    const sha = repo.commit('feat: experiment with a new cache');
    await window.scanner.scan(repo.root);
    const naming = new NamingWorkflow(window.store, window.logger, memoryState());
    const review = new ReviewWorkflow(window.store, naming, () => options);
    const shown = weekOf(Number(repo.git('log', '-1', '--format=%at')) * 1000, options);
    const [card] = review.model(shown).waiting;
    assert.ok(card, 'the commit waits in the review');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    await window.scanner.scan(repo.root);
    const gone = `Nothing to name: commit ${sha.slice(0, 7)} is no longer in ${path.basename(repo.root)} (it was reset or rebased away).`;
    assert.deepEqual(review.name(card.key, 'A cache that halves page loads', 'impact'), { ok: false, problem: gone });
    assert.deepEqual(review.settle(card.key, 'routine'), { ok: false, problem: gone });
    assert.deepEqual(review.name(card.key, 'A cache that halves page loads', 'impact', 'a goal gone too'), { ok: false, problem: gone }, 'the work is gone: that is said first');
    assert.equal(review.notWaitingReason(card.key), gone);
  });
});

suite('the review nudge over the store', () => {
  const cleanups = cleanupsAfterEach();
  let file: string;
  const stores: Store[] = [];
  let now: number;
  const settings = () => nudgeSettings({ day: 'friday', time: '16:00', workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], workingHours: '09:00-18:00' }, options);

  function window(): ReviewNudger {
    const store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    stores.push(store);
    return new ReviewNudger(store, settings, new MemoryLogger(), () => now);
  }

  /** A commit waiting for a name made at each of `times`: their weeks have work to review. */
  function workAt(...times: number[]): void {
    const store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    times.forEach((time, index) => recordCommits(store, '/work/shop', [commit(String(index + 1), 'feat: saved searches', time)]));
    store.close();
  }

  setup(() => {
    file = tempDatabase();
    now = friday - 6 * HOUR;
  });

  teardown(() => {
    for (const store of stores.splice(0)) store.close();
    removeDatabase(file);
  });

  test('at the moment, of two active windows exactly one nudges, with the week\'s counts', () => {
    workAt(friday - 2 * HOUR);
    const [a, b] = [window(), window()];
    a.recordActivity();
    assert.equal(a.claimDue(), undefined, 'the moment has not come');
    now = friday;
    const offers = [a.claimDue(), b.claimDue()];
    assert.equal(offers.filter(Boolean).length, 1);
    assert.equal(offers[0]?.message, 'This week: 0 shipped, 0 routine, 1 waiting. Review it?');
    assert.equal(a.claimDue(), undefined, 'and only once');
  });

  test('not on a day without activity; "Later" comes back once, on the next working day the user is active', () => {
    workAt(friday - 2 * HOUR);
    const [a, b] = [window(), window()];
    now = friday;
    assert.equal(a.claimDue(), undefined, 'no activity today');
    b.recordActivity();
    const offer = a.claimDue()!;
    a.answer(offer, 'later');
    now = friday + HOUR;
    assert.equal(a.claimDue(), undefined, 'not the same day');
    now = friday + 3 * DAY - 6 * HOUR; // Monday 10:00
    assert.equal(b.claimDue(), undefined, 'no activity on Monday yet');
    b.recordActivity();
    const again = [a.claimDue(), b.claimDue()].filter(Boolean);
    assert.deepEqual(again.map((item) => [item!.which, item!.reason, item!.message]), [['last', 'later', 'Last week: 0 shipped, 0 routine, 1 waiting. Review it?']]);
    a.answer(again[0]!, 'dismissed');
    now += HOUR;
    assert.equal(a.claimDue(), undefined);
  });

  test('a week missed is offered once on the first working start of the next week, and never once reviewed', () => {
    workAt(friday - 2 * HOUR, friday + 7 * DAY - 8 * HOUR);
    const a = window();
    now = friday - DAY; // Thursday: active, but the moment is Friday
    a.recordActivity();
    now = friday + 3 * DAY - 7 * HOUR; // Monday 09:00
    const b = window();
    b.recordActivity();
    assert.equal(b.claimDue()?.reason, 'missed');
    assert.equal(a.claimDue(), undefined);

    // The week after: reviewed before Friday, so neither its moment nor a missed offer comes.
    now = friday + 7 * DAY - 6 * HOUR;
    b.recordActivity();
    written(stores[1].changes.saveReview({ week: weekOf(now, options), answers: NO_ANSWERS, highlights: [] }));
    now = friday + 7 * DAY;
    assert.equal(b.claimDue(), undefined);
  });

  test('no nudge about a week with nothing in it, nor on the first launch while the week holds only history from before it; the first work seen brings it', async () => {
    const repo = createTestRepo();
    const seconds = (time: number) => Math.floor(time / 1000);
    repo.commit('feat: cart page', { date: seconds(week.start + DAY + 10 * HOUR) });
    repo.commit('fix: cart totals', { date: seconds(week.start + 2 * DAY + 10 * HOUR) });
    // Progress Log first looks on Thursday: the two commits before are history.
    const installed = week.start + 3 * DAY + 9 * HOUR;
    const capture = openWindow(file, { now: installed });
    cleanups.push(() => repo.cleanup(), () => capture.close());
    await capture.scanner.scan(repo.root);
    now = friday;
    const a = window();
    a.recordActivity();
    assert.equal(a.claimDue(), undefined, 'the first launch, in a week with nothing in it');
    const git = new GitReader(new GitRunner({ logger: capture.logger, timeoutMs: 10_000 }));
    assert.equal((await new HistoryImporter(capture.scanner, git, capture.store, capture.logger).import(repo.root)).imported, 2);
    assert.equal(a.claimDue(), undefined, 'a week of history from before Progress Log looked');
    repo.commit('feat: coupons', { date: seconds(installed + HOUR) });
    await capture.scanner.scan(repo.root);
    assert.equal(a.claimDue()?.message, 'This week: 0 shipped, 2 routine, 1 waiting. Review it?');
  });

  test('activity is written once per local day, then at most every 15 minutes', () => {
    const a = window();
    const writes: string[] = [];
    const store = stores[0];
    const original = store.nudges.recordActivity.bind(store.nudges);
    store.nudges.recordActivity = (day, at) => {
      writes.push(`${day} ${new Date(at).toISOString()}`);
      original(day, at);
    };
    now = friday;
    a.recordActivity();
    now += 60_000;
    a.recordActivity();
    now += 15 * 60_000;
    a.recordActivity();
    now = Date.UTC(2026, 10, 20, 23, 1); // 00:01 Saturday in Berlin: a new day
    a.recordActivity();
    assert.deepEqual(writes, ['2026-11-20 2026-11-20T15:00:00.000Z', '2026-11-20 2026-11-20T15:16:00.000Z', '2026-11-21 2026-11-20T23:01:00.000Z']);
  });
});
