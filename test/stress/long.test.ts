/**
 * The stress suite, long (`npm run test:stress`): the scenarios of test/unit/stress.test.ts with
 * many more rounds, processes' writes and kills, and the "before" figure of a lock for comparison.
 */
import * as assert from 'node:assert/strict';
import { anotherProgramHoldsTheLock, LONG, windowsKilledAtRandom, windowsOpenANewFileTogether, windowsRecoverADamagedFileTogether, windowsWriteTogether } from './scenarios';

const THREAD_BUDGET_MS = 250;

suite('under stress (long)', () => {
  test('windows opening a new database together all end up on one healthy database', async () => {
    console.log(`      ${await windowsOpenANewFileTogether(LONG)}`);
  });

  test('windows recovering one damaged database together set it aside once, whole, and end up on one new database', async () => {
    console.log(`      ${await windowsRecoverADamagedFileTogether(LONG)}`);
  });

  test(`windows scanning and writing together lose nothing, claim each commit once, surface no error and block no call for ${THREAD_BUDGET_MS} ms`, async () => {
    const result = await windowsWriteTogether(LONG);
    console.log(`      ${result.summary}`);
    assert.ok(result.worstCallMs <= THREAD_BUDGET_MS, `a call blocked a window for ${result.worstCallMs} ms`);
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
