/**
 * Issue 19: when background sync runs. A few seconds after start, a little after changes (a burst
 * is one sync), every five minutes, with a wait that doubles up to half an hour while offline or
 * failing, and never two at once. A fake clock: minutes pass in no time, and each attempt's time
 * is exact.
 */
import * as assert from 'node:assert/strict';
import { SyncSchedule, type AttemptResult } from '../../src/sync/syncSchedule';
import { FakeTimers, settle } from '../support/fakeTimers';

const SECOND = 1000;

/** A schedule whose attempts are recorded (in seconds since start) and come to what `outcome` says. */
function scheduled(outcome: (attempt: number) => AttemptResult | Promise<AttemptResult> = () => 'synced') {
  const timers = new FakeTimers();
  const start = timers.now();
  const attempts: number[] = [];
  let running = 0;
  let mostAtOnce = 0;
  let lastSynced: number | undefined;
  const schedule = new SyncSchedule(
    async () => {
      attempts.push((timers.now() - start) / SECOND);
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      try {
        const result = await outcome(attempts.length);
        if (result === 'synced') lastSynced = timers.now();
        return result;
      } finally {
        running--;
      }
    },
    () => lastSynced,
    timers,
  );
  return {
    timers,
    attempts,
    schedule,
    mostAtOnce: () => mostAtOnce,
    /** Moves the clock to `seconds` after start. */
    at: (seconds: number) => timers.advance(start + seconds * SECOND - timers.now()),
    /** Another window of this machine synced at `seconds` after start. */
    otherWindowSynced: (seconds: number) => (lastSynced = start + seconds * SECOND),
  };
}

/** An attempt that ends when the test says so. */
function held() {
  const waiting: ((result: AttemptResult) => void)[] = [];
  return { attempt: () => new Promise<AttemptResult>((resolve) => waiting.push(resolve)), finish: (result: AttemptResult = 'synced') => waiting.shift()!(result) };
}

suite('when background sync runs', () => {
  test('the first sync comes five seconds after start, not during activation', async () => {
    const { schedule, attempts, at } = scheduled();
    schedule.start();
    await at(4.9);
    assert.deepEqual(attempts, []);
    await at(5);
    assert.deepEqual(attempts, [5]);
  });

  test('a burst of changes is one sync, ten seconds after the last of them', async () => {
    const { schedule, attempts, at } = scheduled();
    schedule.start();
    await at(20);
    for (const second of [20, 23, 26]) {
      await at(second);
      schedule.changed();
    }
    await at(60);
    assert.deepEqual(attempts, [5, 36]);
  });

  test('changes that keep coming are sent at least once a minute, not once each', async () => {
    const { schedule, attempts, at } = scheduled();
    schedule.start();
    const changes: number[] = [];
    for (let second = 100; second <= 300; second += 4) {
      await at(second);
      schedule.changed();
      changes.push(second);
    }
    await at(400);
    const during = attempts.filter((second) => second > 100);
    for (const change of changes) assert.ok(during.some((second) => second >= change && second <= change + 60), `the change at ${change} s waited more than a minute: ${during.join(', ')}`);
    assert.ok(during.length <= 5, `${during.length} syncs for ${changes.length} changes`);
  });

  test('with nothing changing here it syncs every five minutes (what other machines sent comes that way)', async () => {
    const { schedule, attempts, at } = scheduled();
    schedule.start();
    await at(20 * 60);
    assert.deepEqual(attempts, [5, 305, 605, 905]);
  });

  test('offline, it tries again after 30 s, then twice as long each time up to 30 minutes, and every five minutes again once it syncs', async () => {
    let offline = true;
    const { schedule, attempts, at } = scheduled(() => (offline ? 'offline' : 'synced'));
    schedule.start();
    await at(4000);
    const gaps = attempts.slice(1).map((second, index) => second - attempts[index]);
    assert.deepEqual(gaps, [30, 60, 120, 240, 480, 960, 1800]);
    offline = false;
    await at(attempts[attempts.length - 1] + 1800);
    const back = attempts.at(-1)!;
    await at(back + 10 * 60);
    assert.deepEqual(attempts.filter((second) => second > back), [back + 300, back + 600]);
  });

  test('a failure other than offline waits the same way', async () => {
    const { schedule, attempts, at } = scheduled(() => 'failed');
    schedule.start();
    await at(300);
    assert.deepEqual(attempts, [5, 35, 95, 215]);
  });

  test('while failing, a change waits for the next try; Sync Now tries at once', async () => {
    const { schedule, attempts, at } = scheduled((attempt) => (attempt === 1 ? 'offline' : 'synced'));
    schedule.start();
    await at(10);
    schedule.changed();
    await at(25);
    assert.deepEqual(attempts, [5], 'the change waits for the retry at 35 s');
    assert.equal(await schedule.syncNow(), 'synced');
    assert.deepEqual(attempts, [5, 25]);
    await at(60);
    assert.deepEqual(attempts, [5, 25], 'the retry is not due any more, and the change went with Sync Now');
  });

  test('never two at once: a change or Sync Now during a sync waits for it, and Sync Now then syncs again, with what changed meanwhile', async () => {
    const attempt = held();
    const { schedule, attempts, at, mostAtOnce } = scheduled(attempt.attempt);
    schedule.start();
    await at(5);
    assert.deepEqual(attempts, [5]);
    await at(6);
    schedule.changed();
    let done: AttemptResult | undefined;
    const clicked = schedule.syncNow().then((result) => (done = result));
    const clickedAgain = schedule.syncNow();
    await at(100);
    assert.deepEqual(attempts, [5], 'nothing starts while a sync runs');
    attempt.finish();
    await settle();
    assert.deepEqual(attempts, [5, 100], 'Sync Now runs once the sync before it is done, once for both clicks');
    assert.equal(done, undefined);
    attempt.finish();
    await clicked;
    assert.equal(await clickedAgain, 'synced');
    assert.equal(done, 'synced');
    await at(200);
    assert.deepEqual(attempts, [5, 100], 'the change made during the first sync went with the second');
    assert.equal(mostAtOnce(), 1);
  });

  test('Sync Now while another window of this machine syncs waits for it to finish, then syncs', async () => {
    const { schedule, attempts, at } = scheduled((attempt) => (attempt <= 2 ? 'busy' : 'synced'));
    const clicked = schedule.syncNow();
    await at(5);
    assert.equal(await clicked, 'synced');
    assert.deepEqual(attempts, [0, 1, 2]);
  });

  test('Sync Now gives up after two minutes of another window syncing', async () => {
    const { schedule, attempts, at } = scheduled(() => 'busy');
    let result: AttemptResult | undefined;
    void schedule.syncNow().then((value) => (result = value));
    await at(119);
    assert.equal(result, undefined);
    await at(125);
    assert.equal(result, 'busy');
    assert.equal(attempts.length, 121);
  });

  test('a change met by another window syncing is tried again ten seconds later', async () => {
    const { schedule, attempts, at } = scheduled((attempt) => (attempt === 2 ? 'busy' : 'synced'));
    schedule.start();
    await at(30);
    schedule.changed();
    await at(60);
    assert.deepEqual(attempts, [5, 40, 50]);
  });

  test('no periodic sync while another window of this machine synced lately: it is due five minutes after that one', async () => {
    const { schedule, attempts, at, otherWindowSynced } = scheduled();
    schedule.start();
    await at(200);
    otherWindowSynced(200);
    await at(700);
    assert.deepEqual(attempts, [5, 500]);
  });

  test('turned off, nothing more runs, and changes are not waited for', async () => {
    const { schedule, attempts, at, timers } = scheduled();
    schedule.start();
    await at(2);
    schedule.stop();
    schedule.changed();
    await at(3600);
    assert.deepEqual(attempts, []);
    assert.equal(timers.waiting, 0, 'no timer left behind');
  });
});
