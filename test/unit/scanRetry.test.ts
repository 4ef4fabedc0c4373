/**
 * A scan that meets a lock: a window of ours taking its turn is waited out without a word and off
 * the window's thread; only a lock that lasts (held with nothing committed under it) is another
 * program's, reported, and tried again until it clears. Real repositories, real SQLite files, the
 * real Capture; the lock is held by a raw connection, as a window's transaction or another
 * program holds it.
 */
import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { StoreBusyError } from '../../src/core/errors';
import type { Claimed } from '../../src/storage/scanRecords';
import { Capture } from '../../src/vscode/capture';
import type { GitWatcher } from '../../src/vscode/gitWatcher';
import type { Notices } from '../../src/vscode/notices';
import type { OutcomePrompter } from '../../src/vscode/prompter';
import { cleanupsAfterEach, openWindow, tempDatabase, windowsWritingInTurn } from '../support/harness';
import { createTestRepo } from '../support/testRepo';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a lock must be met with nothing committed under it before it counts as another program's, in these tests. */
const LASTING_LOCK_MS = 800;

async function until(condition: () => boolean, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition() && Date.now() < deadline) await sleep(10);
}

suite('a scan that meets a lock', () => {
  const cleanups = cleanupsAfterEach();

  /** A window as VS Code has one (calls wait 50 ms for a lock), a repository it has looked at, and its Capture with what it offered and reported. */
  async function windowOnARepository() {
    const repo = createTestRepo();
    const file = tempDatabase();
    const window = openWindow(file, { askWhen: 'eachCommit', locks: { busyTimeoutMs: 50, lastingLockMs: LASTING_LOCK_MS } });
    cleanups.push(() => repo.cleanup(), () => window.close());
    repo.commit('chore: start');
    await window.scanner.scan(repo.root);
    const offered: Claimed[] = [];
    const reported: { error: unknown; at: number }[] = [];
    const prompter = { offer: (claim: Claimed) => offered.push(claim) } as unknown as OutcomePrompter;
    const notices = {
      guard: async <T>(_where: string, work: () => T | Promise<T>) => {
        try {
          return await work();
        } catch (error) {
          reported.push({ error, at: Date.now() });
          return undefined;
        }
      },
    } as unknown as Notices;
    const capture = new Capture(window.scanner, { roots: [repo.root] } as unknown as GitWatcher, prompter, notices, () => undefined, {
      retryAfterMs: [50, 100, 200],
      turnAfterMs: [20, 50, 100],
    });
    cleanups.push(() => capture.dispose());
    return { repo, file, capture, offered, reported };
  }

  test('held by another program, is reported once the lock has lasted, tried again, and the commit made meanwhile is offered once it clears', async () => {
    const { repo, file, capture, offered, reported } = await windowOnARepository();
    const other = new BetterSqlite3(file);
    other.exec('BEGIN EXCLUSIVE');
    const lockedAt = Date.now();
    repo.commit('feat: checkout retries a declined card once');
    await capture.scan(repo.root);
    assert.equal(reported.length, 0, 'a lock just met may be a window of ours: not reported yet');
    await until(() => reported.length > 0, 5000);
    assert.equal(offered.length, 0, 'nothing can be recorded while the lock is held');
    assert.equal(reported.length, 1, 'the lock that lasted is reported (once in a while, by Notices)');
    assert.ok(reported[0]!.error instanceof StoreBusyError && reported[0]!.error.lasting, 'reported as a lock that lasts');
    assert.ok(reported[0]!.at - lockedAt >= LASTING_LOCK_MS, `reported after ${reported[0]!.at - lockedAt} ms, before the lock had lasted`);
    other.exec('ROLLBACK');
    other.close();

    await until(() => offered.length > 0, 5000);
    assert.equal(offered.length, 1, 'the scan was tried again after the lock cleared, with no new repository event');
    assert.deepEqual(offered[0]!.commits.map((commit) => commit.subject), ['feat: checkout retries a declined card once']);
    await sleep(400);
    assert.equal(offered.length, 1, 'offered once');
  });

  test('held a moment by a window of ours (a long transaction), waits its turn without a word and offers the commit once', async () => {
    const { repo, file, capture, offered, reported } = await windowOnARepository();
    const ours = new BetterSqlite3(file);
    ours.exec('BEGIN IMMEDIATE');
    repo.commit('feat: the cart keeps its items across devices');
    const scanning = capture.scan(repo.root);
    await sleep(LASTING_LOCK_MS / 2);
    ours.exec('COMMIT');
    ours.close();
    await scanning;
    await until(() => offered.length > 0, 5000);
    assert.deepEqual(reported, [], 'a lock that clears within seconds is not reported');
    assert.equal(offered.length, 1);
    assert.deepEqual(offered[0]!.commits.map((commit) => commit.subject), ['feat: the cart keeps its items across devices']);
  });

  test('kept waiting by windows of ours writing in turn, longer than a lock may last, says nothing, never holds the thread, and offers the commit once it gets its turn', async () => {
    const { repo, file, capture, offered, reported } = await windowOnARepository();
    const ours = windowsWritingInTurn(file);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    repo.commit('feat: search suggests as you type');
    await capture.scan(repo.root);
    await sleep(LASTING_LOCK_MS * 3);
    loop.disable();
    ours.stop();
    assert.equal(offered.length, 0, 'the scan never had its turn while the lock was held');
    assert.deepEqual(reported, [], 'windows of ours taking their turns are never reported');
    assert.ok(loop.max / 1e6 < 250, `the window's thread was held for ${Math.round(loop.max / 1e6)} ms`);
    await until(() => offered.length > 0, 5000);
    assert.equal(offered.length, 1, 'the scan waited its turn and recorded the commit');
    assert.deepEqual(offered[0]!.commits.map((commit) => commit.subject), ['feat: search suggests as you type']);
    await sleep(300);
    assert.equal(offered.length, 1, 'offered once');
  });
});
