/**
 * Calls to look at a repository that come while a look runs are served by one look after it
 * (the watcher's file events, the git extension's, a command): the work that look claims is
 * offered once, not once per call. Found trying it on a real history: the same notification shown
 * two or three times at once, VS Code closing the copies, "dismissed" in the log. Real repository,
 * real SQLite file, the real scanner and Capture; the prompter records what it is offered.
 */
import * as assert from 'node:assert/strict';
import type { Claimed } from '../../src/storage/scanRecords';
import { Capture } from '../../src/vscode/capture';
import type { GitWatcher } from '../../src/vscode/gitWatcher';
import type { Notices } from '../../src/vscode/notices';
import type { OutcomePrompter } from '../../src/vscode/prompter';
import { cleanupsAfterEach, openWindow, tempDatabase } from '../support/harness';
import { createTestRepo } from '../support/testRepo';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite('what a look claims is offered once', () => {
  const cleanups = cleanupsAfterEach();

  test('three calls while a look runs share the next look, and its claim is offered once', async () => {
    const repo = createTestRepo();
    const window = openWindow(tempDatabase(), { askWhen: 'eachCommit' });
    cleanups.push(() => repo.cleanup(), () => window.close());
    repo.commit('chore: start');
    await window.scanner.scan(repo.root);
    const offered: string[][] = [];
    const prompter = { offer: (claim: Claimed) => offered.push(claim.commits.map((commit) => commit.subject)) } as unknown as OutcomePrompter;
    const notices = { guard: async <T>(_where: string, work: () => Promise<T>) => work() } as unknown as Notices;
    const capture = new Capture(window.scanner, { roots: [repo.root] } as unknown as GitWatcher, prompter, notices);
    cleanups.push(() => capture.dispose());

    // An import holds the repository: the first look waits for it, the next calls wait for that look.
    let releaseFirst!: () => void;
    const first = window.scanner.exclusively(repo.root, () => new Promise<void>((resolve) => (releaseFirst = resolve)));
    repo.commit('feat: first');
    const calls = [capture.scan(repo.root)];
    await sleep(300); // the first look is queued behind the import
    calls.push(capture.scan(repo.root), capture.scan(repo.root));
    // A second import batch queues behind the first look: the commit it lets in is the next look's.
    let releaseSecond!: () => void;
    const second = window.scanner.exclusively(repo.root, () => new Promise<void>((resolve) => (releaseSecond = resolve)));
    releaseFirst();
    await first;
    while (!releaseSecond) await sleep(10);
    repo.commit('feat: second');
    releaseSecond();
    await second;
    await Promise.all(calls);
    assert.deepEqual(offered, [['feat: first'], ['feat: second']]);
  });
});
