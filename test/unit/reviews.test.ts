import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidInputError } from '../../src/core/errors';
import { weekOf, type WeekOptions } from '../../src/core/weeks';
import { NO_ANSWERS } from '../../src/core/reviewAnswers';
import { Store } from '../../src/storage/store';
import { MemoryLogger, recordCommits, removeDatabase, tempDatabase } from '../support/harness';
import { written } from '../support/written';

const berlin: WeekOptions = { weekStart: 'monday', timeZone: 'Europe/Berlin' };
// Friday 2026-11-20, 15:00 UTC (16:00 in Berlin).
const friday = Date.UTC(2026, 10, 20, 15);
const week = weekOf(friday, berlin);

suite('weekly reviews in the store', () => {
  let file: string;
  let store: Store;
  const others: Store[] = [];
  let now = friday;
  const open = () => {
    const other = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    others.push(other);
    return other;
  };

  setup(() => {
    file = tempDatabase();
    now = friday;
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
  });

  teardown(() => {
    store.close();
    for (const other of others.splice(0)) other.close();
    removeDatabase(file);
  });

  const outcome = (text: string, happenedAt = friday - 3_600_000) => written(store.changes.createOutcome({ text, kind: 'impact', source: 'manual', happenedAt })).id;

  test('a review is saved for its week with its answers and highlights in the order picked', () => {
    const [a, b] = [outcome('Refunds take one click'), outcome('Search answers in half the time')];
    const saved = written(store.changes.saveReview({ week, answers: { movedForward: '  Refunds shipped\r\nSearch is faster  ', busyWork: '', nextFocus: 'Refunds for every shop' }, highlights: [b, a] }));
    assert.deepEqual(
      { movedForward: saved.movedForward, busyWork: saved.busyWork, nextFocus: saved.nextFocus, highlights: saved.highlights, weekStart: saved.weekStart, weekEnd: saved.weekEnd },
      { movedForward: 'Refunds shipped\nSearch is faster', busyWork: null, nextFocus: 'Refunds for every shop', highlights: [b, a], weekStart: week.start, weekEnd: week.end },
    );
    assert.deepEqual(store.reviews.forWeek(week), saved);
    assert.equal(store.reviews.forWeek(weekOf(friday - 7 * 86_400_000, berlin)), undefined);
  });

  test('saving again replaces the answers and highlights of the same review', () => {
    const [a, b, c] = ['One', 'Two', 'Three'].map((text) => outcome(text));
    const first = written(store.changes.saveReview({ week, answers: { ...NO_ANSWERS, movedForward: 'First go' }, highlights: [a, b] }));
    now += 60_000;
    const second = written(store.changes.saveReview({ week, answers: { ...NO_ANSWERS, busyWork: 'Meetings' }, highlights: [c] }));
    assert.equal(second.id, first.id);
    assert.deepEqual([second.movedForward, second.busyWork, second.highlights, second.updatedAt], [null, 'Meetings', [c], now]);
  });

  test('answers and highlights that cannot be saved are refused with a sentence, and nothing is written', () => {
    const ids = ['One', 'Two', 'Three', 'Four'].map((text) => outcome(text));
    for (const [input, message] of [
      [{ answers: { ...NO_ANSWERS, movedForward: 'a\nb\nc\nd\ne\nf' }, highlights: [] }, /a few lines/],
      [{ answers: { ...NO_ANSWERS, nextFocus: 'evil \u202E txt' }, highlights: [] }, /text-direction control/],
      [{ answers: NO_ANSWERS, highlights: ids }, /at most 3/],
      [{ answers: NO_ANSWERS, highlights: [ids[0], ids[0]] }, /once/],
      [{ answers: NO_ANSWERS, highlights: ['01KNOTANOUTCOME00000000000'] }, /deleted meanwhile/],
    ] as const) {
      assert.throws(() => written(store.changes.saveReview({ week, ...input })), (error: unknown) => error instanceof InvalidInputError && message.test(error.message));
    }
    assert.equal(store.reviews.forWeek(week), undefined);
  });

  test('saving a review changes the log: other windows see it', () => {
    const other = open();
    const before = other.logVersion();
    written(store.changes.saveReview({ week, answers: NO_ANSWERS, highlights: [] }));
    assert.notEqual(other.logVersion(), before);
    assert.ok(other.reviews.forWeek(week));
  });

  test('a week is still found after the first day of the week or the time zone changed', () => {
    written(store.changes.saveReview({ week, answers: { ...NO_ANSWERS, nextFocus: 'Refunds' }, highlights: [] }));
    const sundayWeek = weekOf(friday, { weekStart: 'sunday', timeZone: 'Europe/Berlin' });
    assert.notEqual(sundayWeek.start, week.start);
    assert.equal(store.reviews.forWeek(sundayWeek)?.nextFocus, 'Refunds');
    const tokyoWeek = weekOf(friday, { weekStart: 'monday', timeZone: 'Asia/Tokyo' });
    assert.equal(store.reviews.forWeek(tokyoWeek)?.nextFocus, 'Refunds');
    // Saving from the other week setting updates the same review, now keyed by that week.
    written(store.changes.saveReview({ week: sundayWeek, answers: { ...NO_ANSWERS, nextFocus: 'Refunds everywhere' }, highlights: [] }));
    assert.equal(store.reviews.overlapping(0, Number.MAX_SAFE_INTEGER).length, 1);
    assert.equal(store.reviews.forWeek(sundayWeek)?.weekStart, sundayWeek.start);
  });

  test('an export range finds the reviews of the weeks it overlaps, oldest first', () => {
    const lastWeek = weekOf(week.start - 86_400_000, berlin);
    const older = weekOf(lastWeek.start - 86_400_000, berlin);
    for (const reviewed of [week, older, lastWeek]) written(store.changes.saveReview({ week: reviewed, answers: NO_ANSWERS, highlights: [] }));
    assert.deepEqual(store.reviews.overlapping(lastWeek.start, week.end).map((review) => review.weekStart), [lastWeek.start, week.start]);
    assert.deepEqual(store.reviews.overlapping(week.start + 3 * 86_400_000, friday).map((review) => review.weekStart), [week.start], 'a range inside one week');
    assert.deepEqual(store.reviews.overlapping(week.end, week.end + 86_400_000), []);
  });

  test('a deleted outcome leaves the highlights it was in', () => {
    const [a, b] = [outcome('Kept'), outcome('Deleted')];
    written(store.changes.saveReview({ week, answers: NO_ANSWERS, highlights: [a, b] }));
    written(store.changes.deleteOutcome(b));
    assert.deepEqual(store.reviews.forWeek(week)?.highlights, [a]);
  });

  test('the week\'s commits are counted: the user\'s own, still there, no merges', () => {
    const commit = (sha: string, fields: Partial<{ authorTime: number; isMerge: boolean; status: 'pending' | 'history' | 'ignored' }> = {}) => ({
      sha: sha.repeat(40),
      subject: `work ${sha}`,
      authorEmail: 'dev@example.com',
      authorTime: friday - 3_600_000,
      branch: 'main',
      isMerge: false,
      ...fields,
    });
    const [first] = recordCommits(store, '/work/shop', [
      commit('a'),
      commit('b', { status: 'history' }),
      commit('c', { isMerge: true }),
      commit('d', { status: 'ignored' }),
      commit('e', { authorTime: week.start - 1 }),
    ]);
    written(store.changes.settleCommits([first.id], 'routine'));
    assert.equal(store.reviews.commitCountBetween(week.start, week.end), 2);
  });
});

suite('the review nudge in the store', () => {
  let file: string;
  let store: Store;
  const others: Store[] = [];
  let now = friday;

  setup(() => {
    file = tempDatabase();
    store = Store.open(file, { logger: new MemoryLogger(), now: () => now });
  });

  teardown(() => {
    store.close();
    for (const other of others.splice(0)) other.close();
    removeDatabase(file);
  });

  test('two windows claim the week: exactly one nudges', () => {
    const other = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    others.push(other);
    assert.equal(store.nudges.claim(week), true);
    assert.equal(other.nudges.claim(week), false);
    assert.equal(store.nudges.claim(week), false, 'and the same window not twice');
    assert.deepEqual(other.nudges.record(week), { claimedAt: friday, answer: null, answeredAt: null });
  });

  test('eight windows racing for the claim at the same instant: exactly one wins', async function () {
    this.timeout(30_000);
    const storeModule = path.resolve(__dirname, '../../src/storage/store.js');
    const source = `
      const { workerData, parentPort } = require('node:worker_threads');
      const { Store } = require(${JSON.stringify(storeModule)});
      const logger = { trace() {}, info() {}, warn() {}, error() {} };
      const store = Store.open(workerData.file, { logger });
      const gate = new Int32Array(workerData.gate);
      Atomics.add(gate, 1, 1);
      Atomics.wait(gate, 0, 0);
      const won = store.nudges.claim(workerData.week);
      store.close();
      parentPort.postMessage(won);`;
    const gate = new Int32Array(new SharedArrayBuffer(8));
    const workers = Array.from({ length: 8 }, () => new Worker(source, { eval: true, workerData: { file, week, gate: gate.buffer } }));
    const results = workers.map((worker) => new Promise<boolean>((resolve, reject) => worker.once('message', resolve).once('error', reject)));
    while (Atomics.load(gate, 1) < workers.length) await new Promise((resolve) => setTimeout(resolve, 5));
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const won = await Promise.all(results);
    assert.equal(won.filter(Boolean).length, 1, `claims: ${won.join(', ')}`);
  });

  test('a reviewed week is not claimed, even when it was reviewed in another window a moment ago', () => {
    const other = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    others.push(other);
    written(other.changes.saveReview({ week, answers: NO_ANSWERS, highlights: [] }));
    assert.equal(store.nudges.claim(week), false);
    assert.equal(store.nudges.record(week), undefined);
  });

  test('"Later" is remembered, and claimed again by exactly one window when it comes due', () => {
    const other = Store.open(file, { logger: new MemoryLogger(), now: () => now });
    others.push(other);
    store.nudges.claim(week);
    now += 60_000;
    store.nudges.answer(week, 'later');
    const answeredAt = now;
    assert.deepEqual(other.nudges.record(week), { claimedAt: friday, answer: 'later', answeredAt });
    now += 3 * 86_400_000;
    assert.equal(other.nudges.claimAgain(week, answeredAt), true);
    assert.equal(store.nudges.claimAgain(week, answeredAt), false);
    assert.deepEqual(store.nudges.record(week), { claimedAt: now, answer: null, answeredAt: null });
    store.nudges.answer(week, 'review');
    assert.equal(store.nudges.claimAgain(week, now), false, 'only a "Later" is claimed again');
  });

  test('active days are recorded once per local day and found by range', () => {
    store.nudges.recordActivity('2026-11-20', friday);
    store.nudges.recordActivity('2026-11-20', friday + 3_600_000);
    store.nudges.recordActivity('2026-11-20', friday - 3_600_000);
    assert.equal(store.nudges.activeBetween('2026-11-20', '2026-11-20'), true);
    assert.equal(store.nudges.activeBetween('2026-11-16', '2026-11-19'), false);
    assert.equal(store.nudges.activeBetween('2026-11-16', '2026-11-22'), true);
  });
});
