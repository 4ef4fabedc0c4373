/**
 * The stress suite, quick: real processes open, recover, write to and die on one database at
 * once (test/stress/scenarios.ts). `npm run test:stress` runs the same scenarios long.
 */
import * as assert from 'node:assert/strict';
import { anotherProgramHoldsTheLock, syncKilledAtRandom, QUICK, windowsKilledAtRandom, windowsOpenANewFileTogether, windowsRecoverADamagedFileTogether, windowsWriteTogether } from '../stress/scenarios';

/** No call may hold a window's thread longer than this (the budget). */
const THREAD_BUDGET_MS = 250;

suite('under stress (quick)', function () {
  this.timeout(120_000);

  test('windows opening a new database together all end up on one healthy database', async () => {
    console.log(`      ${await windowsOpenANewFileTogether(QUICK)}`);
  });

  test('windows recovering one damaged database together set it aside once, whole, and end up on one new database', async () => {
    console.log(`      ${await windowsRecoverADamagedFileTogether(QUICK)}`);
  });

  // Eight windows' processes share this machine's two cores with git: the time a call waits for a
  // CPU another window has is the machine's, not the call's. The budget is for what the call
  // itself does and waits for (a lock, the disk); the wall-clock worst is printed beside it.
  test(`windows scanning and writing together lose nothing, claim each commit once, surface no error and block no call for ${THREAD_BUDGET_MS} ms of its own`, async () => {
    const result = await windowsWriteTogether(QUICK);
    console.log(`      ${result.summary}`);
    assert.ok(result.worstOwnMs <= THREAD_BUDGET_MS, `a call blocked a window for ${result.worstOwnMs} ms of its own`);
  });

  test('windows killed at any moment, also while opening and migrating, leave a whole database with every acknowledged outcome', async () => {
    console.log(`      ${await windowsKilledAtRandom(QUICK)}`);
  });

  test(`a lock held by another program keeps what the user types, and no call blocks the window for ${THREAD_BUDGET_MS} ms`, async () => {
    const result = await anotherProgramHoldsTheLock(QUICK);
    console.log(`      ${result.summary}`);
    assert.ok(result.kept > 0, 'the lock was never met');
    assert.ok(result.worstCallMs < THREAD_BUDGET_MS, `a call blocked the window for ${result.worstCallMs} ms`);
  });

  test('a machine killed at random moments while it saves and syncs loses nothing: every outcome it acknowledged reaches the other machine', async () => {
    console.log(`      ${await syncKilledAtRandom(4)}`);
  });
});
