/**
 * The stress suite, long (`npm run test:stress`): the scenarios of test/unit/stress.test.ts with
 * many more rounds, processes' writes and kills, and the "before" figure of a lock for comparison.
 */
import * as assert from 'node:assert/strict';
import { convergeOnSeed } from '../support/machines';
import { cleanupsAfterEach } from '../support/harness';
import { anotherProgramHoldsTheLock, syncKilledAtRandom, LONG, windowsKilledAtRandom, windowsOpenANewFileTogether, windowsRecoverADamagedFileTogether, windowsWriteTogether } from './scenarios';

const THREAD_BUDGET_MS = 250;

suite('under stress (long)', () => {
  test('windows opening a new database together all end up on one healthy database', async () => {
    console.log(`      ${await windowsOpenANewFileTogether(LONG)}`);
  });

  test('windows recovering one damaged database together set it aside once, whole, and end up on one new database', async () => {
    console.log(`      ${await windowsRecoverADamagedFileTogether(LONG)}`);
  });

  test(`windows scanning and writing together lose nothing, claim each commit once, surface no error and block no call for ${THREAD_BUDGET_MS} ms of its own`, async () => {
    const result = await windowsWriteTogether(LONG);
    console.log(`      ${result.summary}`);
    assert.ok(result.worstOwnMs <= THREAD_BUDGET_MS, `a call blocked a window for ${result.worstOwnMs} ms of its own`);
  });

  test('windows killed at any moment, also while opening and migrating, leave a whole database with every acknowledged outcome', async () => {
    console.log(`      ${await windowsKilledAtRandom(LONG)}`);
  });

  test(`a lock held by another program keeps what the user types, and no call blocks the window for ${THREAD_BUDGET_MS} ms (before: the whole busy timeout)`, async () => {
    const before = await anotherProgramHoldsTheLock(LONG, { legacy: true });
    console.log(`      ${before.summary}`);
    const now = await anotherProgramHoldsTheLock(LONG);
    console.log(`      ${now.summary}`);
    assert.ok(now.kept > 0, 'the lock was never met');
    assert.ok(now.worstCallMs < THREAD_BUDGET_MS, `a call blocked the window for ${now.worstCallMs} ms`);
  });
});

suite('one log on every machine, many histories (long)', () => {
  const cleanups = cleanupsAfterEach();

  test('200 seeded histories of 3 to 5 machines with clocks a day apart, synced in random shares, each end alike', () => {
    const differing: number[] = [];
    let operations = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const result = convergeOnSeed(seed, cleanups, { rounds: 10 });
      operations += result.operations;
      if (new Set(result.digests).size !== 1) differing.push(seed);
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    }
    console.log(`      200 histories, ${operations} operations in all: ${differing.length} ended apart`);
    assert.deepEqual(differing, []);
  });
});

suite('sync killed at random (long)', () => {
  test('a machine killed at random moments while it saves and syncs loses nothing, over 40 rounds', async () => {
    console.log(`      ${await syncKilledAtRandom(40)}`);
  });
});
