import * as assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import type { Claimed } from '../../src/storage/scanRecords';
import { Capture } from '../../src/vscode/capture';
import type { GitWatcher } from '../../src/vscode/gitWatcher';
import type { Notices } from '../../src/vscode/notices';
import type { OutcomePrompter } from '../../src/vscode/prompter';
import { cleanupsAfterEach, openWindow, tempDatabase } from '../support/harness';
import { createTestRepo } from '../support/testRepo';

suite('a scan that meets another program\'s lock', () => {
  const cleanups = cleanupsAfterEach();

  test('is tried again once the lock clears, and the commit made meanwhile is offered once', async () => {
    const repo = createTestRepo();
    const file = tempDatabase();
    const window = openWindow(file, { askWhen: 'eachCommit' });
    cleanups.push(() => repo.cleanup(), () => window.close());
    repo.commit('chore: start');
    await window.scanner.scan(repo.root);

    const offered: Claimed[] = [];
    const reported: unknown[] = [];
    const prompter = { offer: (claim: Claimed) => offered.push(claim) } as unknown as OutcomePrompter;
    const notices = {
      guard: async <T>(_where: string, work: () => T | Promise<T>) => {
        try {
          return await work();
        } catch (error) {
          reported.push(error);
          return undefined;
        }
      },
    } as unknown as Notices;
    const capture = new Capture(window.scanner, { roots: [repo.root] } as unknown as GitWatcher, prompter, notices, () => undefined, { retryAfterMs: [50, 100, 200] });
    cleanups.push(() => capture.dispose());

    const other = new BetterSqlite3(file);
    other.exec('BEGIN EXCLUSIVE');
    repo.commit('feat: checkout retries a declined card once');
    await capture.scan(repo.root);
    assert.equal(offered.length, 0, 'nothing can be recorded while the lock is held');
    assert.equal(reported.length, 1, 'the lock is reported (once in a while, by Notices)');
    other.exec('ROLLBACK');
    other.close();

    const deadline = Date.now() + 5000;
    while (offered.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(offered.length, 1, 'the scan was tried again after the lock cleared, with no new repository event');
    assert.deepEqual(offered[0]!.commits.map((commit) => commit.subject), ['feat: checkout retries a declined card once']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(offered.length, 1, 'offered once');
  });
});
